#!/usr/bin/env bash
# Builds the suggestion evaluation project (eval.ron) from the articles in
# articles/ and the curated pairs in pairs.tsv, with the command line. The
# texts are written for Riposte (no copied articles); names, outlets and
# events are invented. tests/suggest_eval.rs runs this script into a
# temporary folder and checks the result is byte-identical to eval.ron.
#
#   tests/data/suggest_eval/make-eval.sh [OUT.ron]   (default: next to this script)
#   RIPOSTE=path/to/riposte tests/data/suggest_eval/make-eval.sh ...
set -euo pipefail
here=tests/data/suggest_eval
cd "$(dirname "$0")/../../.."
out=${1:-$here/eval.ron}
riposte=${RIPOSTE:-target/release/riposte}
if [ ! -x "$riposte" ]; then
  cargo build --release --quiet
fi
# A fixed clock and analyst make the file reproducible.
export SOURCE_DATE_EPOCH=1732579200 RIPOSTE_ANALYST="Riposte evaluation" RIPOSTE_REPLICA=0
rm -f "$out" "$out.bak"

declare -A article
for file in "$here"/articles/*.txt; do
  name=$(basename "$file" .txt)
  article[$name]=$("$riposte" import "$file" --into "$out" \
    --title "Suggestion evaluation: claims, paraphrased responses and distractors" | cut -f1)
done

# A claim answered twice is marked once.
declare -A marked
while IFS=$'\t' read -r claim_file claim_speaker claim_quote response_file response_speaker response_quote relation; do
  case $claim_file in '#'* | '') continue ;; esac
  key="$claim_file|$claim_quote"
  if [ -z "${marked[$key]:-}" ]; then
    marked[$key]=$("$riposte" claim "$out" --article "${article[$claim_file]}" \
      --speaker "$claim_speaker" --quote "$claim_quote")
  fi
  claim=${marked[$key]}
  response=$("$riposte" claim "$out" --article "${article[$response_file]}" \
    --speaker "$response_speaker" --quote "$response_quote")
  "$riposte" link "$out" "$claim" "$response" --relation "$relation" --status curated >/dev/null
done <"$here/pairs.tsv"

"$riposte" check "$out"
