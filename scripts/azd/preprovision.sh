#!/bin/sh
# azd preprovision hook: the number-hash key and the link-signing key are made once and kept.
#
# `azd provision` writes NUMBER_HASH_KEY and LINK_SIGNING_KEY from the azd environment into Key Vault. A fresh clone, a
# new machine or a lost .azure/ folder has no keys there, and generating new ones would silently replace the vault's:
# a new number-hash key forgets every opt-out (the suppression list is keyed by it). So, for each key:
#   - in the azd environment and equal to the vault's (or no vault yet): keep it;
#   - missing here but in this environment's vault: copy the vault's value into the azd environment;
#   - missing in both: generate one (openssl rand -hex 32);
#   - here and different from the vault's: stop, unless HAPPYTOGETHER_REPLACE_<KEY>=true says to replace it (once).
# A soft-deleted vault of this environment (azd down) is recovered, not replaced, for the same reason.
set -eu
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "$0")/common.sh"

require_tools azd az openssl

[ -n "$(env_get ALERT_EMAIL)" ] ||
  die "Set where alerts go first: azd env set ALERT_EMAIL you@example.org"

sub=$(subscription)
env_name=$(env_get AZURE_ENV_NAME)
vault=$(find_vault)

if [ -n "$vault" ] && ! az keyvault show --subscription "$sub" --name "$vault" >/dev/null 2>&1; then
  if az keyvault show-deleted --subscription "$sub" --name "$vault" >/dev/null 2>&1; then
    die "Key Vault '$vault' of this environment is deleted but recoverable (purge protection keeps it). Recover it, which keeps the number-hash key and so every opt-out: az keyvault recover --subscription $sub --name $vault ; then run azd provision again."
  fi
  vault=""
fi
if [ -z "$vault" ]; then
  deleted=$(az keyvault list-deleted --subscription "$sub" --resource-type vault \
    --query "[?properties.tags.\"azd-env-name\"=='$env_name'].name | [0]" -o tsv 2>/dev/null || true)
  if [ -n "$deleted" ]; then
    die "Key Vault '$deleted' of environment '$env_name' is deleted but recoverable. Recover it, which keeps the number-hash key and so every opt-out: az keyvault recover --subscription $sub --name $deleted ; then run azd provision again."
  fi
fi

# keep_key <azd variable> <Key Vault secret name> <what changing it does>
keep_key() {
  var=$1
  secret=$2
  consequence=$3
  here=$(env_get "$var")
  in_vault=""
  if [ -n "$vault" ]; then
    read_secret "$vault" "$secret" in_vault
  fi

  if [ -z "$here" ] && [ -n "$in_vault" ]; then
    azd env set "$var" "$in_vault" >/dev/null
    say "$var: kept the value already in Key Vault '$vault' (copied into this azd environment)."
  elif [ -z "$here" ]; then
    azd env set "$var" "$(openssl rand -hex 32)" >/dev/null
    say "$var: generated (no Key Vault or no secret '$secret' yet)."
  elif [ -z "$in_vault" ] || [ "$here" = "$in_vault" ]; then
    say "$var: unchanged."
  elif [ "$(env_get "HAPPYTOGETHER_REPLACE_$var")" = "true" ]; then
    # One-shot: the next provision checks again.
    azd env set "HAPPYTOGETHER_REPLACE_$var" false >/dev/null
    say "WARNING: $var differs from secret '$secret' in Key Vault '$vault' and replaces it, as HAPPYTOGETHER_REPLACE_$var asked: $consequence"
  else
    die "$var in this azd environment differs from secret '$secret' in Key Vault '$vault'. Provisioning would replace the vault's value: $consequence
  To keep the vault's value (almost always right): azd env set $var \"\$(az keyvault secret show --vault-name $vault --name $secret --query value -o tsv)\"
  To replace it on purpose: azd env set HAPPYTOGETHER_REPLACE_$var true ; then azd provision"
  fi
}

keep_key NUMBER_HASH_KEY number-hash-key "every opt-out and sign-up limit is forgotten."
keep_key LINK_SIGNING_KEY link-signing-key "the links already texted stop working."
