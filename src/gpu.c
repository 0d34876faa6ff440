#define _DEFAULT_SOURCE
#include "annai/gpu.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Kernel DRM drivers with a GPU that Mesa drives in hardware. Everything else (simpledrm and
 * efifb-style scanout, virtio_gpu, vmwgfx, qxl, bochs, cirrus, vkms, vgem, udl) would leave
 * GL to llvmpipe on the CPU: the software renderer is faster there and 100 MB smaller. */
static const char *const REAL_DRIVERS[] = {
    "vc4", "v3d",                         /* Raspberry Pi 0-3 / 4-5 */
    "i915", "xe", "amdgpu", "radeon", "nouveau",
    "msm", "panfrost", "lima", "etnaviv", "tegra", "rockchip", "meson", "sun4i-drm", "mali-dp",
};

bool gpu_driver_is_real(const char *driver)
{
    if (!driver) return false;
    for (size_t i = 0; i < sizeof REAL_DRIVERS / sizeof REAL_DRIVERS[0]; i++)
        if (!strcmp(driver, REAL_DRIVERS[i])) return true;
    return false;
}

/* cardN, not its connectors (card0-HDMI-A-1) nor render nodes */
static bool is_card(const char *name)
{
    if (strncmp(name, "card", 4) || !name[4]) return false;
    return strspn(name + 4, "0123456789") == strlen(name + 4);
}

static bool card_driver(const char *dir, const char *card, char *out, size_t n)
{
    char path[PATH_MAX], target[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s/device/driver", dir, card);
    ssize_t len = readlink(path, target, sizeof target - 1);
    if (len <= 0) return false;
    target[len] = 0;
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if (strlen(base) >= n) return false; /* no driver name is this long */
    memcpy(out, base, strlen(base) + 1);
    return true;
}

bool gpu_probe(const char *dir, char *name, size_t n)
{
    DIR *d = opendir(dir);
    if (!d) return false;
    bool found = false;
    struct dirent *e;
    char driver[64];
    while (!found && (e = readdir(d))) {
        if (!is_card(e->d_name) || !card_driver(dir, e->d_name, driver, sizeof driver)) continue;
        found = gpu_driver_is_real(driver);
        if (found && name && n) snprintf(name, n, "%s", driver);
    }
    closedir(d);
    return found;
}

renderer_kind_t gpu_choose(renderer_kind_t asked, bool real_gpu)
{
    if (asked != CONFIG_RENDERER_AUTO) return asked;
    return real_gpu ? CONFIG_RENDERER_GPU : CONFIG_RENDERER_SOFTWARE;
}

const char *gpu_renderer_name(renderer_kind_t k)
{
    return k == CONFIG_RENDERER_GPU ? "gpu" : k == CONFIG_RENDERER_SOFTWARE ? "software" : "auto";
}
