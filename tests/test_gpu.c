/* gpu: auto picks the GPU only where the kernel drives a real one, read from a sysfs tree like
 * the boards' (built here in a temporary folder). */
#include "testutil.h"
#include <unistd.h>
#include "annai/gpu.h"

/* DIR/CARD/device/driver -> ../../bus/platform/drivers/DRIVER, as the kernel links it */
static void add_card(const char *dir, const char *card, const char *driver)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/%s/device' && ln -s '../../bus/platform/drivers/%s' '%s/%s/device/driver'",
             dir, card, driver, dir, card);
    assert_int_equal(system(cmd), 0);
}

static void test_boards(void **state)
{
    (void)state;
    static const struct { const char *cards[3][2]; bool real; const char *name; } boards[] = {
        {{{"card0", "vc4"}}, true, "vc4"},                                   /* Pi 3 */
        {{{"card0", "v3d"}, {"card1", "vc4"}}, true, "v3d"},                  /* Pi 4: render + display */
        {{{"card0", "simpledrm"}}, false, NULL},                              /* firmware framebuffer only */
        {{{"card0", "virtio_gpu"}}, false, NULL},                             /* a VM */
        {{{"card0", "simpledrm"}, {"card1", "i915"}}, true, "i915"},         /* a mini PC */
        {{{"card0-HDMI-A-1", "vc4"}, {"renderD128", "v3d"}}, false, NULL},   /* connectors, render nodes */
        {{{NULL}}, false, NULL},                                              /* no DRM at all */
    };
    for (size_t b = 0; b < sizeof boards / sizeof boards[0]; b++) {
        char *dir = tu_tmpdir();
        for (int i = 0; i < 3 && boards[b].cards[i][0]; i++) add_card(dir, boards[b].cards[i][0], boards[b].cards[i][1]);
        char name[64] = "";
        bool real = gpu_probe(dir, name, sizeof name);
        if (real != boards[b].real) fail_msg("board %zu: probe said %d", b, real);
        if (boards[b].name) assert_string_equal(name, boards[b].name);
        assert_int_equal(gpu_choose(RENDERER_AUTO, real), boards[b].real ? RENDERER_GPU : RENDERER_SOFTWARE);
        tu_rmrf(dir);
        free(dir);
    }
    assert_false(gpu_probe("/nonexistent/drm", NULL, 0));
}

static void test_choice_is_the_operators(void **state)
{
    (void)state;
    /* an explicit choice stands whatever the probe says */
    assert_int_equal(gpu_choose(RENDERER_SOFTWARE, true), RENDERER_SOFTWARE);
    assert_int_equal(gpu_choose(RENDERER_GPU, false), RENDERER_GPU);
    assert_false(gpu_driver_is_real(NULL));
    assert_false(gpu_driver_is_real("vc"));     /* whole names only */
    assert_false(gpu_driver_is_real("vc4x"));
    assert_true(gpu_driver_is_real("amdgpu"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boards),
        cmocka_unit_test(test_choice_is_the_operators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
