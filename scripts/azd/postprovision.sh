#!/bin/sh
# azd postprovision hook: wait until every Key Vault reference in the app's settings resolves, then show their status.
#
# A reference that fails to resolve (typically the first one, racing the role assignment) leaves the literal
# "@Microsoft.KeyVault(...)" text in the setting. The app refuses to start on that, so this waits (bounded, polling the
# ARM config/configreferences/appsettings view) and restarts the app once the references resolve, so it reads the
# values. It also checks the real default host name against the app's link-length limit.
set -eu
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "$0")/common.sh"

require_tools az

sub=$(subscription)
group=$(env_get AZURE_RESOURCE_GROUP)
app=$(env_get FUNCTION_APP_NAME)
if [ -z "$group" ] || [ -z "$app" ]; then
  die "AZURE_RESOURCE_GROUP or FUNCTION_APP_NAME is missing: did azd provision finish?"
fi
wait_seconds=$(env_get HAPPYTOGETHER_KV_WAIT_SECONDS)
wait_seconds=${wait_seconds:-600}
poll_seconds=$(env_get HAPPYTOGETHER_KV_POLL_SECONDS)
poll_seconds=${poll_seconds:-15}
site="https://management.azure.com/subscriptions/$sub/resourceGroups/$group/providers/Microsoft.Web/sites/$app"
api="api-version=2024-04-01"

# PublicBaseUrl must fit RecapText.MaxBaseUrlLength (80), and with CareResourceUrl RecapText.MaxLinkSettingsLength
# (107); the template predicts the host name, this checks the one the platform gave.
base=$(env_get FUNCTION_APP_URL)
care=$(env_get CARE_RESOURCE_URL)
if [ ${#base} -gt 80 ]; then
  die "PublicBaseUrl ($base) has ${#base} characters; the app refuses more than 80 (RecapText.MaxBaseUrlLength). Is the app using a regional default host name?"
fi
if [ $((${#base} + ${#care})) -gt 107 ]; then
  die "PublicBaseUrl ($base, ${#base} characters) and CARE_RESOURCE_URL (${#care}) together pass 107 characters; the app would refuse to start. Use a shorter CARE_RESOURCE_URL."
fi

deadline=$(($(date +%s) + wait_seconds))
restart=false
while :; do
  # name, status and details of each reference: no values.
  table=$(az rest --method get --url "$site/config/configreferences/appsettings?$api" \
    --query "value[?properties.reference != null].[name, properties.status, properties.details]" -o tsv 2>/dev/null || true)
  pending=$(printf '%s\n' "$table" | awk -F '\t' 'NF && $2 != "Resolved"' | wc -l | tr -d ' ')
  if [ -n "$table" ] && [ "$pending" -eq 0 ]; then
    break
  fi
  restart=true
  if [ "$(date +%s)" -ge "$deadline" ]; then
    say "Key Vault references still unresolved after ${wait_seconds}s:"
    printf '%s\n' "$table" | awk -F '\t' 'NF && $2 != "Resolved" { printf "  %-22s %-16s %s\n", $1, $2, $3 }' >&2
    die "The app would refuse to start with these. Check the identity's Key Vault Secrets User role on the vault, then: azd hooks run postprovision"
  fi
  say "Waiting for Key Vault references (${pending:-all} not resolved yet)..."
  sleep "$poll_seconds"
done

say "Key Vault references:"
printf '%s\n' "$table" | awk -F '\t' 'NF { printf "  %-22s %s\n", $1, $2 }' >&2

if [ "$restart" = true ]; then
  # The app read its settings before the references resolved: restart it so it reads the values.
  az rest --method post --url "$site/restart?$api" >/dev/null
  say "Restarted $app so it reads the resolved values."
fi
