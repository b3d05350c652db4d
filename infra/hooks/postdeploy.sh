#!/bin/sh
# azd post-deploy hook (azure.yaml), run from the repository root after the Functions app is published.
# azd passes the environment, main.bicep's outputs included, as environment variables.
#  1. Waits for the Functions host to run the new code and create its blobs_extension key.
#  2. Subscribes the blob trigger to Event Grid (infra/blob-events.bicep), retrying while Event Grid's
#     webhook validation meets a host that is still warming up.
#  3. Checks the deployment from outside, as a browser and as an attacker would: the form is served with
#     its security headers, and a forged staff principal is refused.
# The web pages travel inside the app package (the app serves them); nothing is uploaded here.
# Needs the Azure CLI, signed in to the same tenant and subscription as azd, and curl.
set -eu

: "${AZURE_RESOURCE_GROUP:?azd environment not loaded: run through azd (azd up / azd deploy)}"
: "${FUNCTION_APP_NAME:?}" "${APP_URL:?}" "${STORAGE_ACCOUNT_NAME:?}"
: "${EVENT_GRID_TOPIC_NAME:?}" "${EVENT_GRID_DEAD_LETTER_CONTAINER:?}"
command -v az >/dev/null || { echo "postdeploy: the Azure CLI (az) is required." >&2; exit 1; }

# Retries a command every $2 seconds up to $1 times; prints what failed on each try.
retry() {
  tries="$1" pause="$2"
  shift 2
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$tries" ]; then
      return 1
    fi
    echo "postdeploy: attempt $attempt of $tries failed; trying again in ${pause}s..." >&2
    attempt=$((attempt + 1))
    sleep "$pause"
  done
}

blobs_key() {
  # Flex Consumption scales to zero: a request starts the host, which then creates the key.
  curl -s -o /dev/null "$APP_URL/api/calls/-" || true
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$FUNCTION_APP_NAME" \
    --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ]
}

echo "postdeploy: waiting for the Functions host to create its blobs_extension key..."
if ! retry 30 10 blobs_key; then
  echo "postdeploy: no blobs_extension key after 5 minutes: the app is not starting." >&2
  echo "postdeploy: see docs/operations.md, 'Deploying' (an unresolved Key Vault secret or an invalid call file stops it with the reason)." >&2
  exit 1
fi
unset key

subscribe() {
  curl -s -o /dev/null "$APP_URL/api/calls/-" || true   # keep an instance warm for the validation handshake
  az deployment group create -g "$AZURE_RESOURCE_GROUP" -n blob-events -f infra/blob-events.bicep \
    -p functionAppName="$FUNCTION_APP_NAME" systemTopicName="$EVENT_GRID_TOPIC_NAME" \
       storageAccountName="$STORAGE_ACCOUNT_NAME" deadLetterContainerName="$EVENT_GRID_DEAD_LETTER_CONTAINER" \
    --only-show-errors -o none
}

echo "postdeploy: Event Grid subscription for the blob trigger..."
if ! retry 10 30 subscribe; then
  echo "postdeploy: the Event Grid subscription could not be created; submissions would never be validated." >&2
  exit 1
fi

echo "postdeploy: checking the site from outside..."
headers="$(curl -s -D - -o /dev/null "$APP_URL/")"
echo "$headers" | grep -qi '^content-security-policy:.*frame-ancestors' || {
  echo "postdeploy: $APP_URL/ answered without its Content-Security-Policy:" >&2
  echo "$headers" >&2
  exit 1
}

if [ -n "${STAFF_AUTH_CLIENT_ID:-}" ]; then
  # A principal header sent by a client must never pass: App Service Authentication replaces it with its
  # own. If it got through, anyone could be staff: stop here, before the call opens.
  forged="$(printf '%s' '{"auth_typ":"aad","claims":[{"typ":"roles","val":"Staff"}]}' | base64 | tr -d '\n')"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "x-ms-client-principal: $forged" "$APP_URL/api/staff/me")"
  if [ "$status" != "401" ]; then
    echo "postdeploy: a forged x-ms-client-principal got $status from /api/staff/me (401 expected)." >&2
    echo "postdeploy: App Service Authentication is not in front of the app; see docs/operations.md, 'Staff access'." >&2
    exit 1
  fi
fi

echo "postdeploy: done. Site: ${SITE_URL:-$APP_URL}   Staff console: ${SITE_URL:-$APP_URL}/staff/"
