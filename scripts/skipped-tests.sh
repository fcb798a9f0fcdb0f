#!/usr/bin/env bash
# Lists the tests the last build skipped, grouped by the reason they gave, from the Surefire and
# Failsafe reports under */target. Prints nothing else; exits 0.
cd "$(dirname "$0")/.."
shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml */target/failsafe-reports/TEST-*.xml)
[[ ${#reports[@]} -gt 0 ]] || exit 0
# Each skip is one <skipped> element; its reason is a message="..." attribute or, with full stack
# traces kept, the first line of its text ("org.opentest4j.TestAbortedException: <reason>").
lines=$(grep -h '<skipped' "${reports[@]}" 2>/dev/null \
  | sed -E -e 's/.*<skipped message="([^"]*)".*/\1/' \
        -e 's/.*<skipped[^>]*><!\[CDATA\[[A-Za-z0-9_.$]+: (.*)/\1/' \
        -e 's/.*<skipped[^>]*\/?>.*$/(no reason given)/' \
        -e "s/&apos;/'/g" -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' \
  | sort | uniq -c | sort -rn)
if [[ -z $lines ]]; then
  echo "Skipped tests: none."
else
  total=$(awk '{n += $1} END {print n}' <<<"$lines")
  echo "Skipped tests: $total, by reason:"
  echo "$lines"
fi
