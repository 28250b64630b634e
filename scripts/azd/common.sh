# shellcheck shell=sh
# Shared by the azd hooks (POSIX sh: azd runs them with `sh`). Sourced, never run. Nothing here prints a secret:
# values are compared in variables and passed on, never echoed, and `set -x` is never used.

say() { printf '%s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# A value from the azd environment: the hook's own environment first (azd exports the .env to hooks), then azd.
env_get() {
  eval "current=\${$1:-}"
  # shellcheck disable=SC2154 # set by the eval above
  if [ -n "$current" ]; then
    printf '%s' "$current"
  else
    azd env get-value "$1" 2>/dev/null || true
  fi
}

require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed on PATH for this step."
  done
}

# The subscription azd deploys to, for every az call (az's own default may be another one).
subscription() {
  sub=$(env_get AZURE_SUBSCRIPTION_ID)
  [ -n "$sub" ] || die "AZURE_SUBSCRIPTION_ID is not set in this azd environment (azd env set AZURE_SUBSCRIPTION_ID <id>)."
  printf '%s' "$sub"
}

# This environment's Key Vault: the AZURE_KEY_VAULT_NAME output of an earlier provision, else the vault tagged with
# this azd environment's name. Empty when there is none yet.
find_vault() {
  vault=$(env_get AZURE_KEY_VAULT_NAME)
  if [ -z "$vault" ]; then
    vault=$(az resource list --subscription "$(subscription)" --tag "azd-env-name=$(env_get AZURE_ENV_NAME)" \
      --query "[?type=='Microsoft.KeyVault/vaults'].name | [0]" -o tsv 2>/dev/null || true)
  fi
  printf '%s' "$vault"
}

# The value of a Key Vault secret into the variable named $3, or empty when the secret does not exist. Stops when the
# vault cannot be read (no permission, network), rather than mistaking that for "no secret".
read_secret() {
  vault_name=$1
  secret_name=$2
  errors=$(mktemp)
  # shellcheck disable=SC2034 # read by the eval below
  if value=$(az keyvault secret show --subscription "$(subscription)" --vault-name "$vault_name" --name "$secret_name" \
    --query value -o tsv 2>"$errors"); then
    rm -f "$errors"
    eval "$3=\$value"
    return 0
  fi
  if grep -q 'SecretNotFound' "$errors"; then
    rm -f "$errors"
    eval "$3=''"
    return 0
  fi
  reason=$(head -c 400 "$errors")
  rm -f "$errors"
  die "Could not read secret '$secret_name' from Key Vault '$vault_name' ($reason). The hooks read it as you: grant yourself Key Vault Secrets User on the vault (azd provision does so when AZURE_PRINCIPAL_ID is set), then run this again."
}
