/* Narration playback through SDL's dummy audio driver: it plays to the end at the file's pace,
 * stops at once, reads Vorbis and Opus, and a bad file or a missing device is an error value. */
#include "testutil.h"
#include <SDL.h>
#include <sys/stat.h>
#include "annai/audio.h"

#define TONE_VORBIS "tests/data/tone.ogg"    /* 1.0 s, mono, 22,050 Hz */
#define TONE_OPUS "tests/data/tone.opus.ogg" /* 0.6 s, stereo, 48 kHz */
#define WAIT_LIMIT_MS 10000                   /* only a hang reaches this */

static int dummy_audio(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    return 0;
}

static bool wait_until_quiet(audio_t *a)
{
    for (int t = 0; t < WAIT_LIMIT_MS && audio_playing(a); t += 10) SDL_Delay(10);
    return !audio_playing(a);
}

static void test_vorbis_plays_to_the_end(void **state)
{
    (void)state;
    audio_t *a = audio_create(0.8);
    char err[256] = "";
    assert_int_equal(audio_play(a, TONE_VORBIS, err, sizeof err), 0);
    assert_true(audio_playing(a));
    assert_true(fabs(audio_length_s(a) - 1.0) < 0.05);
    uint64_t t0 = SDL_GetTicks64();
    assert_true(wait_until_quiet(a));
    /* the whole second went to the device, and it was not dumped at once: auto-advance can wait for it */
    assert_true(audio_frames_played(a) >= 22050 * 0.95);
    assert_true(SDL_GetTicks64() - t0 >= 500);
    audio_destroy(a);
}

static void test_stop_is_immediate(void **state)
{
    (void)state;
    audio_t *a = audio_create(1.0);
    char err[256] = "";
    assert_int_equal(audio_play(a, TONE_VORBIS, err, sizeof err), 0);
    SDL_Delay(150);
    audio_stop(a);
    assert_false(audio_playing(a));
    long frames = audio_frames_played(a);
    assert_true(frames < 22050 * 0.9);
    SDL_Delay(200);
    assert_int_equal(audio_frames_played(a), frames); /* nothing more after the stop */
    /* and it plays again from the start */
    assert_int_equal(audio_play(a, TONE_VORBIS, err, sizeof err), 0);
    assert_true(audio_playing(a));
    audio_destroy(a);
}

static void test_opus(void **state)
{
    (void)state;
    double s = 0;
    char err[256] = "";
    assert_int_equal(audio_probe(TONE_OPUS, &s, err, sizeof err), 0);
    assert_true(fabs(s - 0.6) < 0.05);
    audio_t *a = audio_create(1.0);
    assert_int_equal(audio_play(a, TONE_OPUS, err, sizeof err), 0);
    assert_true(wait_until_quiet(a));
    assert_true(audio_frames_played(a) >= 48000 * 0.55);
    audio_destroy(a);
}

static void test_bad_files_are_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/annai-audioXXXXXX";
    assert_non_null(mkdtemp(dir));
    char *text = tu_write(dir, "x.ja.ogg", "not audio at all", 16);
    char *fifo = path_join(dir, "fifo.ja.ogg");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *paths[] = {text, fifo, "/no/such/narration.ogg", dir};
    audio_t *a = audio_create(1.0);
    for (int i = 0; i < 4; i++) {
        char err[256] = "";
        assert_int_equal(audio_play(a, paths[i], err, sizeof err), -1); /* the FIFO does not block */
        assert_non_null(strstr(err, paths[i]));
        assert_false(audio_playing(a));
    }
    audio_destroy(a);
    unlink(text); unlink(fifo); rmdir(dir);
    free(text); free(fifo);
}

static void test_no_audio_device(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    audio_t *a = audio_create(1.0);
    char err[256] = "";
    assert_int_equal(audio_play(a, TONE_VORBIS, err, sizeof err), -1);
    assert_non_null(strstr(err, "audio"));
    assert_false(audio_playing(a));
    audio_destroy(a);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vorbis_plays_to_the_end),
        cmocka_unit_test(test_stop_is_immediate),
        cmocka_unit_test(test_opus),
        cmocka_unit_test(test_bad_files_are_errors),
        cmocka_unit_test(test_no_audio_device),
    };
    return cmocka_run_group_tests_name("audio", tests, dummy_audio, NULL);
}
