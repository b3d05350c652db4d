#!/bin/sh
# azd post-deploy hook (azure.yaml), run from the repository root after the Functions app is published.
# azd passes the environment, main.bicep's outputs included, as environment variables.
#  1. Has App Service resolve the Key Vault references again (the documented refresh endpoint) and waits
#     until every one reads "Resolved"; a missing secret stops here at once, naming it and how to set it.
#  2. Waits for the Functions host to run the new code and create its blobs_extension key.
#  3. Subscribes the blob trigger to Event Grid (infra/blob-events.bicep), retrying while Event Grid's
#     webhook validation meets a host that is still warming up.
#  4. Checks the deployment from outside, as a browser and as an attacker would: the form is served with
#     its security headers, a forged staff principal is refused, and a cross-site POST is refused (403).
# docs/operations.md, "First deployment", names every wait and retry below. POSTDEPLOY_PAUSE_SCALE=0 (the
# tests, which run this script against recorded answers) makes the pauses zero.
# The web pages travel inside the app package (the app serves them); nothing is uploaded here.
# Needs the Azure CLI, signed in to the same tenant and subscription as azd, and curl.
set -eu

: "${AZURE_RESOURCE_GROUP:?azd environment not loaded: run through azd (azd up / azd deploy)}"
: "${FUNCTION_APP_NAME:?}" "${APP_URL:?}" "${STORAGE_ACCOUNT_NAME:?}"
: "${EVENT_GRID_TOPIC_NAME:?}" "${EVENT_GRID_DEAD_LETTER_CONTAINER:?}" "${KEY_VAULT_NAME:?}"
command -v az >/dev/null || { echo "postdeploy: the Azure CLI (az) is required." >&2; exit 1; }
pause_scale="${POSTDEPLOY_PAUSE_SCALE:-1}"

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
    sleep $((pause * pause_scale))
  done
}

# 1. Key Vault references. The role they resolve with was granted before the app existed (identity.bicep),
# but a role takes minutes to reach Key Vault, and App Service keeps a failed resolution for up to 24 hours:
# ask it to resolve again, and wait.
subscription="${AZURE_SUBSCRIPTION_ID:-$(az account show --query id -o tsv)}"
references="/subscriptions/$subscription/resourceGroups/$AZURE_RESOURCE_GROUP/providers/Microsoft.Web/sites/$FUNCTION_APP_NAME/config/configreferences/appsettings"
references_resolved() {
  az rest --method post --uri "$references/refresh?api-version=2022-03-01" -o none 2>/dev/null || true
  unresolved="$(az rest --method get --uri "$references?api-version=2022-03-01" \
    --query "value[?properties.status!='Resolved'].[name, properties.status]" -o tsv)"
  if [ -z "$unresolved" ]; then
    return 0
  fi
  echo "postdeploy: Key Vault references not resolved yet:" >&2
  echo "$unresolved" | sed 's/^/postdeploy:   /' >&2
  case "$unresolved" in
    *SecretNotFound*|*VaultNotFound*|*InvalidSyntax*)
      # Waiting will not help: the secret is not there.
      missing=1
      ;;
  esac
  return 1
}

missing=0
echo "postdeploy: resolving the Key Vault references (refresh, then up to 20 checks 30 s apart)..."
attempt=1
until references_resolved; do
  if [ "$missing" -eq 1 ]; then
    echo "postdeploy: a secret the app needs is missing from Key Vault $KEY_VAULT_NAME. Set it, then run 'azd deploy' again:" >&2
    echo "postdeploy:   az keyvault secret set --vault-name $KEY_VAULT_NAME --name <secret> --value <value>" >&2
    echo "postdeploy: see docs/operations.md, 'First deployment', step 3." >&2
    exit 1
  fi
  if [ "$attempt" -ge 20 ]; then
    echo "postdeploy: the Key Vault references did not resolve in 10 minutes (role not granted or not yet effective)." >&2
    echo "postdeploy: see docs/operations.md, 'First deployment'." >&2
    exit 1
  fi
  echo "postdeploy: attempt $attempt of 20; trying again in 30s (a new role can take minutes to reach Key Vault)..." >&2
  attempt=$((attempt + 1))
  sleep $((30 * pause_scale))
done

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

# A signed-in official's browser must not be made to act by another site: a cross-site POST to a staff
# action is refused before any credentials are looked at (StaffRequestOrigin.cs).
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Origin: https://cross-site.invalid' -H 'Sec-Fetch-Site: cross-site' \
  -H 'Content-Type: text/plain' --data '{"reason":"duplicate"}' \
  "$APP_URL/api/staff/calls/postdeploy-check/submissions/00000000000000000000000000000000/exclusion")"
if [ "$status" != "403" ]; then
  echo "postdeploy: a cross-site POST to a staff action got $status (403 expected): the CSRF check is not in front of the staff routes." >&2
  exit 1
fi

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
