#!/usr/bin/env bash
# A curator's folder of broken and malicious files next to good panels, and the kiosk's own
# conduct: every bad file reported with its path, the good panels still rendered, thousands of
# panels checked quickly; no listener, no shell-out, no write outside the configured files.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
export SDL_VIDEODRIVER=dummy
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

c="$tmp/c"; mkdir -p "$c"
cp content/01-title.md content/02-background.md content/02-background.en.md "$c/"
head -c 5000 /dev/urandom > "$c/03-random.md"
printf -- '---\ntitle: t\n---\nok\n\xff\xfe\n' > "$c/04-utf8.md"
printf -- '---\ntitle: t\nlayout: text\n' > "$c/05-endless.md"
: > "$c/06-empty.md"
ln -s /nonexistent "$c/07-dangling.md"
mkdir "$c/08-dir.md"
mkfifo "$c/09-fifo.md"
printf -- '---\ntitle: t\n---\n![x](../../../etc/passwd)\n' > "$c/10-escape.md"
printf -- '---\ntitle: English only\n---\nx\n' > "$c/11-orphan.en.md"
out=$(timeout 20 "$ANNAI" --check --content "$c" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "--check on a hostile folder exit $rc: $out"
for f in 03-random 04-utf8 05-endless 06-empty 07-dangling 08-dir 09-fifo 10-escape 11-orphan.en; do
  echo "$out" | grep -q "^$c/$f.md" || fail "$f.md not reported with its path: $out"
done
# a file the kiosk's user may not read: reported, the rest shown. Root reads everything, so as
# root this runs as nobody (setpriv), as the kiosk runs as a user of its own
u="$tmp/u"; mkdir -p "$u"
cp content/01-title.md content/02-background.md "$u/"
cp content/01-title.md "$u/03-secret.md"; chmod 0 "$u/03-secret.md"
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || fail "setpriv missing (util-linux)"
  chmod 755 "$tmp" "$u"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
out=$("${as_user[@]}" "$ANNAI" --check --content "$u" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "--check with an unreadable file exit $rc: $out"
echo "$out" | grep -q "^$u/03-secret.md: cannot read file (permission denied)" || fail "unreadable file not reported: $out"
echo "$out" | grep -q ': 2 panels' || fail "the readable panels were not kept: $out"
chmod 700 "$tmp"
timeout 30 "$ANNAI" --screenshot "$tmp/shots" --content "$c" --size 800x480 2>/dev/null; rc=$?
[ $rc -eq 1 ] || fail "--screenshot exit $rc"
[ "$(ls "$tmp/shots" | wc -l)" -eq 2 ] || fail "the two good panels were not both rendered"
for p in "$tmp/shots"/*.png; do
  [ "$(convert "$p" -colorspace Gray -format '%[fx:int(mean*100)]' info:)" -gt 10 ] || fail "$p is black"
done

# 2,000 panels: checked in well under the 2 s a curator would wait (bounded generously here)
mkdir "$tmp/many"
for i in $(seq -w 0 1999); do printf -- '---\ntitle: 第%s\n---\n地域の科学技術の振興。\n' "$i" > "$tmp/many/$i-p.md"; done
t0=$(date +%s%N)
out=$(timeout 20 "$ANNAI" --check --content "$tmp/many" --size 800x480) || fail "--check of 2,000 panels: $out"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "$out" | grep -q '2000 panels' || fail "2,000 panels: $out"
echo "hostile: --check of 2,000 panels took $ms ms"

# no shell-out and no listener in the source; no write outside the configured files at run time
grep -nE '\b(system|popen|execv|execl|execvp|fork|listen|accept)\s*\(' src/*.c && fail "annai must not shell out or listen"
if command -v strace >/dev/null; then
  strace -f -qq -e trace=openat,creat,rename,unlink,mkdir,socket -o "$tmp/trace" \
    timeout -s TERM 3 "$ANNAI" --windowed --events "$tmp/ev.jsonl" --heartbeat "$tmp/hb" --heartbeat-interval 1 2>/dev/null
  writes=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|rename\(|unlink\(|mkdir\(' "$tmp/trace" | grep -vE "$tmp/(ev.jsonl|hb)|/dev/(null|shm|dri|tty)|= -1 " || true)
  [ -z "$writes" ] || fail "wrote outside the configured files: $writes"
  grep -q 'socket(AF_INET' "$tmp/trace" && fail "opened a network socket"
  [ -s "$tmp/ev.jsonl" ] || fail "the events file was not written"
fi
echo "hostile: ok"
