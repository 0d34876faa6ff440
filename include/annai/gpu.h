/* gpu: is there a real GPU behind the display? Decided from the kernel's DRM drivers in sysfs,
 * without loading GL: asking Mesa would map llvmpipe (libLLVM, ~55 MB resident) on every board
 * that has none, which is what renderer = auto exists to avoid. */
#ifndef ANNAI_GPU_H
#define ANNAI_GPU_H

#include <stdbool.h>
#include <stddef.h>
#include "annai/config.h"

#define GPU_SYSFS_DRM "/sys/class/drm"

/* True for a kernel DRM driver that renders in hardware (vc4, v3d, i915, amdgpu, ...); false
 * for display-only, virtual and unknown ones (simpledrm, virtio_gpu, vkms, bochs-drm, ...). */
bool gpu_driver_is_real(const char *driver);
/* Scans DIR (GPU_SYSFS_DRM) for cardN/device/driver; the first real driver's name goes to
 * name (may be NULL). False when there is none or DIR cannot be read. */
bool gpu_probe(const char *dir, char *name, size_t n);
/* The renderer to open: auto becomes gpu only where gpu_probe found a real one. */
renderer_kind_t gpu_choose(renderer_kind_t asked, bool real_gpu);
const char *gpu_renderer_name(renderer_kind_t k);

#endif
