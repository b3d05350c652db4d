# Sourced by the stand-ins: prints answer $kind.N for the Nth call of that kind (the last one repeats).
count_file="$FAKE_STATE/$kind"
n=$(( $(cat "$count_file" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$count_file"
answer="$FAKE_ANSWERS/$kind.$n"
if [ ! -e "$answer" ]; then
  answer="$(ls "$FAKE_ANSWERS/$kind".* 2>/dev/null | sort -t. -k2 -n | tail -n 1)"
fi
if [ -z "$answer" ]; then
  echo "fake: no recorded answer '$kind' in $FAKE_ANSWERS" >&2
  exit 2
fi
tail -n +2 "$answer"
exit "$(head -n 1 "$answer")"
