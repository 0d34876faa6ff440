# annai — kiosk display firmware. `make run` and `make test` are the quick start.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/annai
UNITDIR ?= $(PREFIX)/lib/systemd/system

CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

LIBS_PC = sdl2 SDL2_ttf SDL2_image libunibreak md4c inih libqrencode libpng zlib libsystemd fontconfig
# narration: Ogg Vorbis and Opus decoders
LIBS_PC += vorbisfile opusfile
# SDL2_image is opened with dlopen on the first image (render.c), not linked: its headers only
LINK_PC = $(filter-out SDL2_image,$(LIBS_PC))
# What building and running need (`make run`), and what the tests add (`make test`). Each feature
# adds its packages on a line of its own.
RUN_PKGS  = build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libunibreak-dev \
            libmd4c-dev libinih-dev libqrencode-dev
TEST_PKGS = libcmocka-dev xvfb xdotool imagemagick rsync valgrind strace
# sd_notify (READY, WATCHDOG, STATUS) for Type=notify
RUN_PKGS  += libsystemd-dev
# promtool checks the metrics file, systemd-analyze scores and verifies the unit, python3 plays
# systemd's notify socket in tests/e2e/health.sh
TEST_PKGS += prometheus systemd python3
# test_heading judges heading breaks with MeCab's word boundaries (an oracle apart from BudouX)
TEST_PKGS += mecab mecab-ipadic-utf8
# languages (issue 17): each language's face through fontconfig; Noto Sans CJK SC/TC/KR for
# Chinese and Korean; tesseract reads every language back from screenshots in the tests
RUN_PKGS  += libfontconfig-dev fonts-noto-cjk
TEST_PKGS += tesseract-ocr tesseract-ocr-jpn tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-kor

# `make deb` and its test (tests/e2e/deb.sh): the package links the fonts from Debian's package
TEST_PKGS += debhelper lintian fonts-morisawa-bizud-gothic
# renderer = gpu against software under Xvfb (tests/e2e/gpu.sh): Mesa's software GL
TEST_PKGS += libgl1-mesa-dri
# setpriv runs the unreadable-file check as nobody when the suite runs as root (tests/e2e/hostile.sh)
TEST_PKGS += util-linux
# narration: Ogg Vorbis and Opus decoders
RUN_PKGS += libvorbis-dev libopusfile-dev

# The project's own flags, kept apart from the user's CFLAGS/CPPFLAGS/LDFLAGS. 64-bit file
# offsets on 32-bit boards (armhf): readdir failed with EOVERFLOW on 64-bit directory hashes
# (found by the armhf suites under qemu-user: no panel was found).
ANNAI_CPPFLAGS = -Iinclude -DANNAI_SHARE_DIR='"$(SHAREDIR)"' -D_POSIX_C_SOURCE=200809L -D_FILE_OFFSET_BITS=64
ANNAI_CFLAGS   = -std=c11 -pthread -Wall -Wextra -Wshadow -Wmissing-prototypes $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null)
ANNAI_LIBS     = $(shell $(PKG_CONFIG) --libs $(LINK_PC) 2>/dev/null) -lm -ldl -pthread

# B: where objects and test programs go; BIN: the binary. `make sanitize` sets both.
B   ?= build
BIN ?= annai
SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ  = $(SRC:src/%.c=$(B)/%.o)
TESTS = $(patsubst tests/%.c,$(B)/%,$(wildcard tests/test_*.c))
FUZZERS = content config layout
TOOLS = $(B)/uigeom $(B)/recall $(B)/gpucmp $(B)/soak $(FUZZERS:%=$(B)/replay_%)
# the kiosk's own states as PNGs, for issue 15's same-pixels check: build/kshots OUTDIR
TOOLS += $(B)/kshots
LINK = $(CC) $(ANNAI_CPPFLAGS) $(CPPFLAGS) $(ANNAI_CFLAGS) $(CFLAGS) $(LDFLAGS)

all: $(BIN)

$(B)/%.o: src/%.c $(wildcard include/annai/*.h src/*.h) | $(B)
	$(CC) $(ANNAI_CPPFLAGS) $(CPPFLAGS) $(ANNAI_CFLAGS) $(CFLAGS) -c $< -o $@

$(B):
	mkdir -p $(B)

$(BIN): $(B)/main.o $(B)/libannai.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libannai.a $(ANNAI_LIBS)

$(B)/libannai.a: $(OBJ)
	@rm -f $@ # made anew: a module removed or renamed must not linger in the archive
	$(AR) rcs $@ $^

$(B)/soak: bench/soak.c $(B)/libannai.a
	$(LINK) -o $@ $< $(B)/libannai.a $(ANNAI_LIBS)

$(B)/uigeom: tests/tools/uigeom.c $(B)/libannai.a
	$(LINK) -o $@ $< $(B)/libannai.a $(ANNAI_LIBS)

$(B)/recall: tests/tools/recall.c $(B)/libannai.a
	$(LINK) -o $@ $< $(B)/libannai.a $(ANNAI_LIBS)

$(B)/gpucmp: tests/tools/gpucmp.c $(B)/libannai.a
	$(LINK) -o $@ $< $(B)/libannai.a $(ANNAI_LIBS)

$(B)/kshots: tests/tools/kshots.c $(B)/libannai.a
	$(LINK) -o $@ $< $(B)/libannai.a $(ANNAI_LIBS)

# each fuzz harness again without libFuzzer, to replay kept crashes and seeds in `make test`
$(B)/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(B)/libannai.a
	$(LINK) -Ifuzz -o $@ fuzz/replay.c $< $(B)/libannai.a $(ANNAI_LIBS)

# A test's object is kept: a change in src/ relinks the tests without compiling them again
# (tools/mutate rebuilds every suite for each mutant).
$(B)/test_%.o: tests/test_%.c $(wildcard tests/*.h) $(wildcard include/annai/*.h src/*.h) | $(B)
	$(CC) $(ANNAI_CPPFLAGS) $(CPPFLAGS) $(ANNAI_CFLAGS) $(CFLAGS) -c $< -o $@

$(B)/test_%: $(B)/test_%.o $(B)/libannai.a
	$(CC) $(ANNAI_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_WRAP_$*) $(B)/libannai.a $(ANNAI_LIBS) $(shell $(PKG_CONFIG) --libs cmocka SDL2_image)
.PRECIOUS: $(B)/test_%.o
# test_faults changes the content folder while the kiosk loads it: a seam around deck_load
TEST_WRAP_faults = -Wl,--wrap=deck_load

# Installs the Debian packages that are missing (as root, or through sudo). Nothing when all are there.
deps: DEB_PKGS = $(RUN_PKGS) $(TEST_PKGS)
deps-run: DEB_PKGS = $(RUN_PKGS)
deps deps-run:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

run: deps-run
	$(MAKE) annai
	./annai $(ARGS)

test: deps
	$(MAKE) check-built

# Builds and runs everything in $(B) without touching the packages.
check-built: $(BIN) $(TESTS) $(TOOLS)
	@ANNAI=./$(BIN) BUILD=$(B) bash tests/run.sh $(TESTS)

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer (any report fails),
# then a screenshot run of the bundled content under valgrind memcheck.
SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize: deps
	ANNAI_SANITIZER=1 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) B=build/san BIN=build/san/annai CFLAGS="$(SAN)" LDFLAGS="-fsanitize=address,undefined" check-built
	$(MAKE) $(BIN)
	@bash tests/memcheck.sh ./$(BIN)

bench: deps
	$(MAKE) annai
	@bash bench/bench.sh

# The same panel through annai and a headless Chromium (installed here if missing), RUNS times.
RUNS ?= 15
vs-browser: deps
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && S= || S=sudo; $$S apt-get install -y -qq chromium; }
	$(MAKE) annai
	@bash bench/vs-browser.sh 02-background $(RUNS)

# Authoring: proposes readings for the ふりがな button with MeCab into CONTENT/furigana.txt
# (new words marked "# review"; lines a curator corrected are kept). Never needed on a kiosk.
CONTENT ?= content
furigana:
	@command -v mecab >/dev/null && [ -d /var/lib/mecab/dic/ipadic-utf8 ] || { [ "$$(id -u)" = 0 ] && S= || S=sudo; \
		$$S apt-get install -y -qq mecab mecab-ipadic-utf8; }
	@tools/furigana-propose $(CONTENT)

# Mutation testing of the logic modules against the unit suites (tools/mutate; MUTANTS=N samples,
# FILES=src/x.c picks modules); the report of survivors is build/mutate/report.txt.
mutate: deps
	@tools/mutate $(FILES)

# libFuzzer (clang) on the content parser, the config parser and layout, FUZZ_SECONDS each,
# from corpora seeded with content/ and the kept crashes in fuzz/regressions/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz: deps
	@command -v clang >/dev/null || { [ "$$(id -u)" = 0 ] && S= || S=sudo; $$S apt-get install -y -qq clang; }
	$(MAKE) B=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" build/fuzz/libannai.a
	for f in $(FUZZERS); do clang $(ANNAI_CPPFLAGS) $(ANNAI_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Ifuzz \
		fuzz/fuzz_$$f.c build/fuzz/libannai.a $(ANNAI_LIBS) -o build/fuzz/fuzz_$$f || exit 1; done
	@bash fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# A simulated week of the kiosk loop (SOAK_DAYS=7): memory, atlas and open files must stay flat.
SOAK_DAYS ?= 7
soak: deps
	$(MAKE) $(B)/soak
	@d=$$(mktemp -d) && cp -R content/. $$d/ && SDL_VIDEODRIVER=dummy ./$(B)/soak --content $$d --days $(SOAK_DAYS); \
	rc=$$?; rm -rf $$d; exit $$rc

install: annai
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/fonts $(DESTDIR)$(SHAREDIR)/content $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SHAREDIR)/budoux
	install -m 755 annai $(DESTDIR)$(BINDIR)/annai
	install -m 644 fonts/*.ttf fonts/OFL.txt fonts/README $(DESTDIR)$(SHAREDIR)/fonts/
	install -m 644 data/budoux/*.tsv data/budoux/LICENSE data/budoux/README $(DESTDIR)$(SHAREDIR)/budoux/
	cp -R content/. $(DESTDIR)$(SHAREDIR)/content/
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SHAREDIR@|$(SHAREDIR)|g' dist/annai.service > $(DESTDIR)$(UNITDIR)/annai.service
	install -m 755 dist/annai-heartbeat-check $(DESTDIR)$(BINDIR)/annai-heartbeat-check

# annai_VERSION_ARCH.deb with debhelper (debian/), lintian-clean; ARCH=arm64|armhf cross-builds it
deb: deps $(if $(ARCH),deps-cross)
	@bash dist/deb.sh $(ARCH)

# ---- boards: arm64 and armhf with Debian's cross toolchains and multiarch -dev packages ----
# `make cross ARCH=arm64` builds the binary, the suites and the tools into build/cross-ARCH;
# `make test-cross ARCH=arm64` runs the suites and the headless end-to-end tests under qemu-user.
# CROSS_ROOT=DIR builds against a sysroot (`make cross-root` makes one with mmdebstrap) instead
# of multiarch packages: for when dpkg cannot co-install them (the ARCH index behind the
# machine's own, as bookworm-security's armhf index from this machine's mirror).
ARCH ?=
CROSS_ARCH = $(or $(ARCH),arm64)
CROSS_B = build/cross-$(CROSS_ARCH)
CROSS_TRIPLET = $(shell dpkg-architecture -a$(CROSS_ARCH) -qDEB_HOST_GNU_TYPE 2>/dev/null)
CROSS_MA = $(shell dpkg-architecture -a$(CROSS_ARCH) -qDEB_HOST_MULTIARCH 2>/dev/null)
CROSS_DEV = libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libmd4c-dev libinih-dev libqrencode-dev zlib1g-dev libcmocka-dev libsystemd-dev \
            libfontconfig-dev libvorbis-dev libopusfile-dev
CROSS_ROOT ?=
ifeq ($(CROSS_ROOT),)
# libunibreak-dev is not Multi-Arch: same (dpkg would remove the native one): dist/cross-sysroot.sh
CROSS_PKGS = crossbuild-essential-$(CROSS_ARCH) qemu-user-static file $(CROSS_DEV:%=%:$(CROSS_ARCH))
CROSS_VARS = CC=$(CROSS_TRIPLET)-gcc PKG_CONFIG=$(CROSS_TRIPLET)-pkg-config LDFLAGS="$(LDFLAGS) -L$(CURDIR)/$(CROSS_B)/sysroot/usr/lib"
CROSS_ENV = PKG_CONFIG_PATH=$(CURDIR)/$(CROSS_B)/sysroot/pkgconfig
else
CROSS_PKGS = crossbuild-essential-$(CROSS_ARCH) qemu-user-static file
CROSS_VARS = CC="$(CROSS_TRIPLET)-gcc --sysroot=$(CROSS_ROOT)" PKG_CONFIG=pkg-config
CROSS_ENV = PKG_CONFIG_SYSROOT_DIR=$(CROSS_ROOT) \
	PKG_CONFIG_LIBDIR=$(CROSS_ROOT)/usr/lib/$(CROSS_MA)/pkgconfig:$(CROSS_ROOT)/usr/lib/pkgconfig:$(CROSS_ROOT)/usr/share/pkgconfig
endif
deps-cross:
	@[ -n "$(CROSS_ROOT)" ] || dpkg --print-foreign-architectures | grep -qx $(CROSS_ARCH) || \
		{ [ "$$(id -u)" = 0 ] && S= || S=sudo; $$S dpkg --add-architecture $(CROSS_ARCH) && $$S apt-get update -qq; }
	@$(MAKE) -s deps-run DEB_PKGS="$(CROSS_PKGS)"

cross: deps-cross
	@[ -n "$(CROSS_ROOT)" ] || bash dist/cross-sysroot.sh $(CROSS_ARCH) $(CROSS_B)/sysroot
	$(CROSS_ENV) $(MAKE) B=$(CROSS_B) BIN=$(CROSS_B)/annai AR=$(CROSS_TRIPLET)-ar $(CROSS_VARS) cross-built

cross-built: $(BIN) $(TESTS) $(TOOLS)

test-cross: cross
	@bash tests/cross.sh $(CROSS_ARCH) $(CROSS_B) $(CROSS_ROOT)

# A sysroot for CROSS_ROOT: Debian's ARCH packages for building, unpacked (mmdebstrap, ~40 s).
# From the machine's own Debian mirror, main and updates: the security index is what was stale.
CROSS_MIRROR = $(shell cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {u = $$2} /^Suites:/ && !/security/ {print u; exit}')
cross-root:
	@command -v mmdebstrap >/dev/null || $(MAKE) -s deps-run DEB_PKGS=mmdebstrap
	rm -rf $(CROSS_B)/root
	mmdebstrap --variant=extract --architectures=$(CROSS_ARCH) \
		--include=$$(echo libc6-dev libunibreak-dev $(CROSS_DEV) | tr ' ' ,) bookworm $(CROSS_B)/root \
		"deb $(CROSS_MIRROR) bookworm main" "deb $(CROSS_MIRROR) bookworm-updates main"
	@echo "then: make test-cross ARCH=$(CROSS_ARCH) CROSS_ROOT=$(CURDIR)/$(CROSS_B)/root"

clean:
	rm -rf build annai

.PHONY: mutate furigana all deps deps-run deps-cross run test check-built sanitize fuzz bench vs-browser soak install deb cross cross-built test-cross cross-root clean
