#!/usr/bin/env bash
# What to run after `azd up`: checks the deployed app end to end and prints one table with a pass/fail column.
#   host status and version, the function list against the code, every Key Vault reference resolved, a signed test
#   request to Twilio's status-callback route (a made-up MessageSid, so nothing is sent or changed), the same request
#   unsigned (must be refused), and /api/health.
# Reads AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME, FUNCTION_APP_URL and AZURE_KEY_VAULT_NAME from
# the environment or the current azd environment. Needs az (signed in), curl, and read access to the vault's secrets
# (Key Vault Secrets User; azd provision grants it to AZURE_PRINCIPAL_ID). Prints no secret. Exit 1 on any FAIL.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
api="api-version=2024-04-01"
failures=0
rows=()

value_of() {
  if [[ -n "${!1:-}" ]]; then
    printf '%s' "${!1}"
  elif command -v azd >/dev/null 2>&1; then
    azd env get-value "$1" 2>/dev/null || true
  fi
}

# row <check> <PASS|FAIL|SKIP> <detail>
row() {
  rows+=("$(printf '%-26s %-6s %s' "$1" "$2" "$3")")
  if [[ $2 == FAIL ]]; then failures=$((failures + 1)); fi
}

for tool in az curl openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "verify-deployment: '$tool' is needed on PATH." >&2; exit 2; }
done
sub=$(value_of AZURE_SUBSCRIPTION_ID)
group=$(value_of AZURE_RESOURCE_GROUP)
app=$(value_of FUNCTION_APP_NAME)
url=$(value_of FUNCTION_APP_URL)
vault=$(value_of AZURE_KEY_VAULT_NAME)
for name in sub group app url vault; do
  [[ -n ${!name} ]] || { echo "verify-deployment: missing $name (run from the azd project, or export the azd outputs)." >&2; exit 2; }
done
url=${url%/}
site="https://management.azure.com/subscriptions/$sub/resourceGroups/$group/providers/Microsoft.Web/sites/$app"

# 1. The Functions host, through ARM's host-runtime proxy (no function or master key needed).
if status=$(az rest --method get --url "$site/hostruntime/admin/host/status?$api" --query "[state, version]" -o tsv 2>/dev/null); then
  read -r state version <<<"$(tr '\n' ' ' <<<"$status")"
  if [[ $state == Running ]]; then row "Host status" PASS "Running, version $version"; else row "Host status" FAIL "state ${state:-unknown}, version ${version:-unknown}"; fi
else
  row "Host status" FAIL "could not read host status (is the app started?)"
fi

# 2. The functions the host lists, against the [Function] names in the code.
expected=$(
  for file in "$root"/functions/HappyTogether.Functions/*.cs; do
    grep -oE '\[Function\("[A-Za-z0-9]+"\)\]' "$file" | sed -E 's/.*"([^"]+)".*/\1/'
    grep -oE '\[Function\(nameof\([A-Za-z0-9]+\)\)\]' "$file" | sed -E 's/.*nameof\(([^)]+)\).*/\1/'
    if grep -q '\[Function(Name)\]' "$file"; then
      grep -oE 'const string Name = "[A-Za-z0-9]+"' "$file" | sed -E 's/.*"([^"]+)"/\1/'
    fi
  done | sort -u
)
if listed=$(az rest --method get --url "$site/functions?$api" --query "value[].name" -o tsv 2>/dev/null); then
  listed=$(awk -F/ '{ print $NF }' <<<"$listed" | sort -u)
  missing=$(comm -23 <(printf '%s\n' "$expected") <(printf '%s\n' "$listed") | paste -sd ' ' -)
  extra=$(comm -13 <(printf '%s\n' "$expected") <(printf '%s\n' "$listed") | paste -sd ' ' -)
  if [[ -z $missing && -z $extra ]]; then
    row "Functions" PASS "$(wc -l <<<"$listed" | tr -d ' ') functions, as in the code"
  else
    row "Functions" FAIL "missing: ${missing:-none}; not in the code: ${extra:-none}"
  fi
else
  row "Functions" FAIL "could not list functions"
fi

# 3. Key Vault references: names and status only.
if refs=$(az rest --method get --url "$site/config/configreferences/appsettings?$api" \
  --query "value[?properties.reference != null].[name, properties.status]" -o tsv 2>/dev/null) && [[ -n $refs ]]; then
  unresolved=$(awk -F '\t' '$2 != "Resolved" { printf "%s(%s) ", $1, $2 }' <<<"$refs")
  if [[ -z $unresolved ]]; then
    row "Key Vault references" PASS "$(paste -sd ' ' - <<<"$(cut -f1 <<<"$refs")") resolved"
  else
    row "Key Vault references" FAIL "unresolved: $unresolved"
  fi
else
  row "Key Vault references" FAIL "could not read config references"
fi

# 4. A signed status callback, as Twilio would send it: HMAC-SHA1 with the auth token over the URL and the sorted
# field names and values, base64. The MessageSid is made up, so the app finds no text of its own and changes nothing.
callback="$url/api/sms/status"
sid="SM$(openssl rand -hex 16)"
fields=("AccountSid=$(value_of TWILIO_ACCOUNT_SID)" "MessageSid=$sid" "MessageStatus=delivered")
post() { # post <signature or empty>: prints the HTTP status
  local args=(--silent --output /dev/null --write-out '%{http_code}' --max-time 30)
  for field in "${fields[@]}"; do args+=(--data-urlencode "$field"); done
  [[ -n $1 ]] && args+=(--header "X-Twilio-Signature: $1")
  curl "${args[@]}" "$callback" || true
}
token=""
if ! token=$(az keyvault secret show --subscription "$sub" --vault-name "$vault" --name twilio-auth-token --query value -o tsv 2>/dev/null); then
  row "Signed webhook request" FAIL "could not read twilio-auth-token from $vault (Key Vault Secrets User needed)"
elif [[ -z $token ]]; then
  row "Signed webhook request" SKIP "no Twilio auth token: texts go to the outbox, webhooks refuse everything"
else
  data="$callback"
  while IFS= read -r field; do data+="${field%%=*}${field#*=}"; done < <(printf '%s\n' "${fields[@]}" | LC_ALL=C sort)
  if command -v python3 >/dev/null 2>&1; then
    # The token goes to python through its environment, never on a command line.
    signature=$(TOKEN="$token" DATA="$data" python3 -c 'import base64,hashlib,hmac,os; print(base64.b64encode(hmac.new(os.environ["TOKEN"].encode(), os.environ["DATA"].encode(), hashlib.sha1).digest()).decode())')
  else
    signature=$(printf '%s' "$data" | openssl dgst -sha1 -hmac "$token" -binary | openssl base64 -A)
  fi
  code=$(post "$signature")
  if [[ $code == 204 ]]; then row "Signed webhook request" PASS "POST /api/sms/status answered 204"; else row "Signed webhook request" FAIL "POST /api/sms/status answered $code, expected 204"; fi
fi
unset token signature
code=$(post "")
if [[ $code == 403 ]]; then row "Unsigned webhook refused" PASS "answered 403"; else row "Unsigned webhook refused" FAIL "answered $code, expected 403"; fi

# 5. The health route, as the availability test sees it.
code=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 30 "$url/api/health" || true)
if [[ $code == 200 ]]; then row "GET /api/health" PASS "200"; else row "GET /api/health" FAIL "answered ${code:-nothing}, expected 200"; fi

printf '%-26s %-6s %s\n' "Check" "Result" "Detail"
printf '%-26s %-6s %s\n' "-----" "------" "------"
printf '%s\n' "${rows[@]}"
if ((failures > 0)); then
  echo "$failures check(s) failed."
  exit 1
fi
echo "All checks passed."
