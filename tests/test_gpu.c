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
        {{{"card0-HDMI-A-1", "vc4"}, {"renderD128", "v3d"}, {"card", "i915"}}, false, NULL}, /* not cards */
        {{{NULL}}, false, NULL},                                              /* no DRM at all */
    };
    for (size_t b = 0; b < sizeof boards / sizeof boards[0]; b++) {
        char *dir = tu_tmpdir();
        for (int i = 0; i < 3 && boards[b].cards[i][0]; i++) add_card(dir, boards[b].cards[i][0], boards[b].cards[i][1]);
        char name[64] = "";
        bool real = gpu_probe(dir, name, sizeof name);
        if (real != boards[b].real) fail_msg("board %zu: probe said %d", b, real);
        assert_string_equal(name, boards[b].name ? boards[b].name : ""); /* untouched when none */
        assert_int_equal(gpu_choose(CONFIG_RENDERER_AUTO, real), boards[b].real ? CONFIG_RENDERER_GPU : CONFIG_RENDERER_SOFTWARE);
        tu_rmrf(dir);
        free(dir);
    }
    assert_false(gpu_probe("/nonexistent/drm", NULL, 0));
}

static void test_choice_is_the_operators(void **state)
{
    (void)state;
    /* an explicit choice stands whatever the probe says */
    assert_int_equal(gpu_choose(CONFIG_RENDERER_SOFTWARE, true), CONFIG_RENDERER_SOFTWARE);
    assert_int_equal(gpu_choose(CONFIG_RENDERER_GPU, false), CONFIG_RENDERER_GPU);
    assert_false(gpu_driver_is_real(NULL));
    assert_false(gpu_driver_is_real("vc"));     /* whole names only */
    assert_false(gpu_driver_is_real("vc4x"));
    assert_true(gpu_driver_is_real("amdgpu"));
    /* what the log says an operator's kiosk chose */
    assert_string_equal(gpu_renderer_name(CONFIG_RENDERER_GPU), "gpu");
    assert_string_equal(gpu_renderer_name(CONFIG_RENDERER_SOFTWARE), "software");
    assert_string_equal(gpu_renderer_name(CONFIG_RENDERER_AUTO), "auto");
}

/* A driver link whose name could not be a driver's (longer than the buffer) is skipped, and
 * the buffer is never overrun (the sanitizer build checks the copy). */
static void test_long_driver_name(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char longname[65];
    memset(longname, 'x', 64);
    longname[64] = 0;
    add_card(dir, "card0", longname);
    add_card(dir, "card1", "v3d");
    char name[64] = "";
    assert_true(gpu_probe(dir, name, sizeof name));
    assert_string_equal(name, "v3d");
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boards),
        cmocka_unit_test(test_choice_is_the_operators),
        cmocka_unit_test(test_long_driver_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
