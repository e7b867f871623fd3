#!/usr/bin/env bash
# The whole test suite, stage by stage. Any failing stage fails the run; a pytest
# stage that collects nothing (exit 5) is a failure too, never a silent green.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports && rm -f reports/junit-*.xml
failed=()

stage() {  # stage NAME CMD...
  local name=$1; shift
  echo; echo "==> $name"
  local start=$SECONDS
  "$@"; local rc=$?
  if [ $rc -eq 5 ]; then echo "!! $name collected no tests (pytest exit 5)"; failed+=("$name (no tests)")
  elif [ $rc -ne 0 ]; then echo "!! $name failed (exit $rc)"; failed+=("$name")
  else echo "ok $name ($((SECONDS - start)) s)"; fi
}

stage "lint" .venv/backend/bin/ruff check backend actions bot tests scripts bench
stage "backend unit + API tests" .venv/backend/bin/python -m pytest tests/unit tests/api -q \
  -p no:cacheprovider --junitxml=reports/junit-backend.xml
stage "rasa data validate" make -s validate
stage "train (only when bot data changed)" make -s train
stage "action + end-to-end tests" .venv/rasa/bin/python -m pytest tests/actions tests/bot tests/e2e tests/channels -q \
  -p no:cacheprovider --junitxml=reports/junit-rasa.xml
stage "browser test of the chat widget (Chromium)" bash -c 'scripts/ensure-chromium.sh && \
  .venv/backend/bin/python -m pytest tests/browser -q -p no:cacheprovider --junitxml=reports/junit-browser.xml'
stage "conversation test stories" .venv/rasa/bin/rasa test core --model models/parkeerloket.tar.gz \
  --stories tests/stories --fail-on-prediction-errors --out reports/stories

# One closing line over all pytest stages (+ the story stage as one test).
.venv/backend/bin/python - "${#failed[@]}" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob("reports/junit-*.xml"):
    for s in ET.parse(f).getroot().iter("testsuite"):
        t, e, fl, sk = (int(s.get(k, 0)) for k in ("tests", "errors", "failures", "skipped"))
        passed += t - e - fl - sk; failed += e + fl; skipped += sk
stages_failed = int(sys.argv[1])
print(f"\nsummary: {passed} passed, {failed + stages_failed} failed, {skipped} skipped")
PY
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED stages:\n'; printf '  - %s\n' "${failed[@]}"; exit 1
fi
echo "All stages passed."
