#!/usr/bin/env bash
# Builds saves/demo.ron from the seed articles with the command line, so the
# demo stays valid as the format evolves. A test (tests/demo.rs) runs this
# script into a temporary folder and checks the result is byte-identical to
# the committed file.
#
#   saves/make-demo.sh [OUT.ron]          (default: saves/demo.ron)
#   RIPOSTE=path/to/riposte saves/make-demo.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-saves/demo.ron}
riposte=${RIPOSTE:-target/release/riposte}
if [ ! -x "$riposte" ]; then
  cargo build --release --quiet
fi
# A fixed clock, analyst and id tag make the file reproducible. Tag 0 gives
# untagged ids (c1, l1): the demo is one writer's base project; copies made
# from it add ids with their own random tags.
export SOURCE_DATE_EPOCH=1732579200 RIPOSTE_ANALYST="Riposte demo" RIPOSTE_REPLICA=0
rm -f "$out" "$out.bak"

"$riposte" import seeds --into "$out" \
  --title "Demo: claims and rebuttals around Azerbaijan, 2020-2024" >/dev/null

claim() { "$riposte" claim "$out" "$@"; }
link() { "$riposte" link "$out" "$@" >/dev/null; }

# a1: Musavat's letter about Qafqazinfo.az's report of the EU meeting.
funding=$(claim --article a1 --speaker "Peter Michalko (reported)" --via "Qafqazinfo.az" \
  --quote "for many years, the US and the EU have been providing significant funds to the opposition")
denial=$(claim --article a1 --speaker "EU Mission" --via "Musavat Party" \
  --quote "The EU Mission categorically denied this publication as false and provocative")
inactivity=$(claim --article a1 --speaker "Peter Michalko (reported)" --via "Qafqazinfo.az" \
  --quote "Ambassador Peter Michalko raised the issue of the opposition's inactivity")
fabricated=$(claim --article a1 --speaker "Musavat Party" --via "Musavat Party press release" \
  --quote "The information regarding the participants, the purpose of the meeting, and the topics discussed is entirely fabricated and defamatory")
borrell=$(claim --article a1 --speaker "Josep Borrell (reported)" --via "Qafqazinfo.az" \
  --quote "conveyed the serious dissatisfaction of the EU's High Representative for Foreign Affairs and Security Policy, Josep Borrell, regarding the situation")

# a2: Azernews on the OSCE's initial election report.
osce=$(claim --article a2 --speaker "OSCE (initial report)" --via "Azernews" \
  --quote "noted some problems regarding the election conditions")

# a3: Trend on the Milli Majlis statement against Luxembourg's resolution.
compliance=$(claim --article a3 --speaker "Milli Majlis" --via "Trend" \
  --quote "The elections were held wholly in compliance with national laws and international commitments")
unfounded=$(claim --article a3 --speaker "Milli Majlis" --via "Trend" \
  --quote "The allegations regarding the extraordinary presidential elections held on 7 February 2024 are completely unfounded")
persona=$(claim --article a3 --speaker "Milli Majlis" --via "Trend" \
  --quote "was due to their energetic support for actions contrary to Azerbaijan’s efforts for peace and stability")

# a4: Trend on the US ambassador summoned to the Foreign Ministry.
police=$(claim --article a4 --speaker "Khalaf Khalafov" --via "Trend" \
  --quote "It’s disappointing that the US police failed to stop a massive attack by aggressive Armenian radicals")
apology=$(claim --article a4 --speaker "Earle Litzenberger (reported)" --via "Azerbaijani Foreign Ministry" \
  --quote "the local law enforcement authorities in Los Angeles apologized for the Armenian provocation, as well as for failure to prevent it")

# a5: President Aliyev on the Council of Europe.
lobby=$(claim --article a5 --speaker "Ilham Aliyev" --via "Report of his speech to diplomats" \
  --quote "The Parliamentary Assembly of the Council of Europe has the Armenian lobby, as well as members occupying biased positions against Azerbaijan")
never=$(claim --article a5 --speaker "Ilham Aliyev" --via "Report of his speech to diplomats" \
  --quote "During these 11 years, European leaders bilaterally never spoke a word to me in connection with our internal policies")

link "$funding" "$denial" --relation denies --status curated \
  --note "The EU Mission rejects the funding quote attributed to the ambassador."
link "$inactivity" "$fabricated" --relation refutes --status curated
link "$osce" "$compliance" --relation contradicts --status curated \
  --note "Across articles: OSCE initial report vs the parliament's statement nine months later."
link "$osce" "$unfounded" --relation refutes --status curated
link "$lobby" "$persona" --relation supports --status curated \
  --note "Both frame PACE members as biased against Azerbaijan."
link "$borrell" "$never" --relation contradicts --status draft \
  --note "Different years: check whether Aliyev's statement predates the reported criticism."
link "$police" "$apology" --relation supports --status draft

"$riposte" check "$out"
