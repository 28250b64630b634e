#!/bin/sh
# azd postdeploy hook: print the URLs Twilio must call and, with `azd env set TWILIO_SET_WEBHOOKS true`, set them on the
# Twilio number (TWILIO_FROM_NUMBER) or Messaging Service (TWILIO_MESSAGING_SERVICE_SID) through Twilio's REST API.
# Credentials go to curl on stdin (--config -), never on its command line or in the output.
set -eu
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "$0")/common.sh"

sms=$(env_get SMS_WEBHOOK_URL)
status=$(env_get SMS_STATUS_CALLBACK_URL)
if [ -z "$sms" ] || [ -z "$status" ]; then
  die "SMS_WEBHOOK_URL or SMS_STATUS_CALLBACK_URL is missing: did azd provision finish?"
fi
# Twilio retries a webhook on a 5xx only when the URL asks (a connection override); the app answers 503 while storage
# fails and handles a retried text once.
inbound="$sms#rc=3&rp=ct,rt,5xx"

say "Twilio webhooks for this deployment:"
say "  A message comes in (POST): $inbound"
say "  Status callback (POST):    $status"

if [ "$(env_get TWILIO_SET_WEBHOOKS)" != "true" ]; then
  say "Set them in the Twilio console, or: azd env set TWILIO_SET_WEBHOOKS true ; azd hooks run postdeploy"
  exit 0
fi

require_tools curl
account=$(env_get TWILIO_ACCOUNT_SID)
[ -n "$account" ] || die "TWILIO_SET_WEBHOOKS is true but TWILIO_ACCOUNT_SID is not set."
# An API key when there is one, else the auth token (from the azd environment, else from Key Vault).
user=$(env_get TWILIO_API_KEY_SID)
secret=$(env_get TWILIO_API_KEY_SECRET)
if [ -z "$user" ] || [ -z "$secret" ]; then
  user=$account
  secret=$(env_get TWILIO_AUTH_TOKEN)
  if [ -z "$secret" ]; then
    vault=$(find_vault)
    [ -n "$vault" ] || die "No Twilio credentials: set TWILIO_AUTH_TOKEN or TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET."
    read_secret "$vault" twilio-auth-token secret
  fi
fi

# twilio <curl arguments...>: an authenticated call; prints the response body, stops on an HTTP error.
twilio() {
  printf 'user = "%s:%s"\n' "$user" "$secret" | curl --silent --show-error --fail --config - "$@" ||
    die "Twilio refused the request (see above); nothing else was changed."
}

service=$(env_get TWILIO_MESSAGING_SERVICE_SID)
number=$(env_get TWILIO_FROM_NUMBER)
if [ -n "$service" ]; then
  twilio "https://messaging.twilio.com/v1/Services/$service" \
    --data-urlencode "InboundRequestUrl=$inbound" --data-urlencode "InboundMethod=POST" \
    --data-urlencode "StatusCallback=$status" >/dev/null
  say "Set Messaging Service $service: inbound URL and status callback. (If the service is set to use each number's own webhook, turn that off in its Integration settings.)"
elif [ -n "$number" ]; then
  found=$(twilio --get "https://api.twilio.com/2010-04-01/Accounts/$account/IncomingPhoneNumbers.json" \
    --data-urlencode "PhoneNumber=$number")
  sid=$(printf '%s' "$found" | grep -o '"sid": *"PN[0-9a-fA-F]*"' | head -n 1 | sed 's/.*"\(PN[0-9a-fA-F]*\)"/\1/')
  [ -n "$sid" ] || die "The Twilio account has no number $number."
  twilio "https://api.twilio.com/2010-04-01/Accounts/$account/IncomingPhoneNumbers/$sid.json" \
    --data-urlencode "SmsUrl=$inbound" --data-urlencode "SmsMethod=POST" >/dev/null
  say "Set number $number: incoming message webhook. (Delivery statuses come back because the app asks for them on every text.)"
else
  die "TWILIO_SET_WEBHOOKS is true but neither TWILIO_MESSAGING_SERVICE_SID nor TWILIO_FROM_NUMBER is set."
fi
