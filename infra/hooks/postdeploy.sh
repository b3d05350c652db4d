#!/bin/sh
# azd post-deploy hook (azure.yaml), run from the repository root after the Functions app is published.
# azd passes the environment, main.bicep's outputs included, as environment variables.
#  1. Subscribes the blob trigger to Event Grid (infra/blob-events.bicep). Only now can it: Event Grid
#     validates the webhook on creation, and the endpoint's blobs_extension key exists once the host
#     has started with the new code.
#  2. Publishes the static form: web/ to the $web container, with config.js pointing at the API.
# Needs the Azure CLI, signed in to the same tenant and subscription as azd.
set -eu

: "${AZURE_RESOURCE_GROUP:?azd environment not loaded: run through azd (azd up / azd deploy)}"
: "${FUNCTION_APP_NAME:?}" "${API_URL:?}" "${FORM_URL:?}" "${STORAGE_ACCOUNT_NAME:?}"
: "${EVENT_GRID_TOPIC_NAME:?}" "${EVENT_GRID_DEAD_LETTER_CONTAINER:?}"
command -v az >/dev/null || { echo "postdeploy: the Azure CLI (az) is required." >&2; exit 1; }

echo "postdeploy: waiting for the Functions host to create its blobs_extension key..."
attempt=0
while :; do
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$FUNCTION_APP_NAME" \
    --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  attempt=$((attempt + 1))
  if [ "$attempt" -gt 30 ]; then
    echo "postdeploy: no blobs_extension key after 5 minutes; see docs/operations.md, 'Deploying'." >&2
    exit 1
  fi
  # Flex Consumption scales to zero: a request starts the host, which then creates the key.
  curl -s -o /dev/null "$API_URL/api/calls/-" || true
  sleep 10
done
unset key

echo "postdeploy: Event Grid subscription for the blob trigger..."
az deployment group create -g "$AZURE_RESOURCE_GROUP" -n blob-events -f infra/blob-events.bicep \
  -p functionAppName="$FUNCTION_APP_NAME" systemTopicName="$EVENT_GRID_TOPIC_NAME" \
     storageAccountName="$STORAGE_ACCOUNT_NAME" deadLetterContainerName="$EVENT_GRID_DEAD_LETTER_CONTAINER" \
  --only-show-errors -o none

echo "postdeploy: publishing the form to $FORM_URL ..."
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
cp -R web/. "$site/"
cat >"$site/config.js" <<JS
// Written at deployment by infra/hooks/postdeploy.sh: the form and the API have different origins here.
window.proposalsConfig = { apiBaseUrl: "$API_URL" };
JS
# A first deployment's role assignment (Storage Blob Data Contributor) can take a few minutes to apply.
attempt=0
# shellcheck disable=SC2016 # $web is the container's literal name
until az storage blob upload-batch --account-name "$STORAGE_ACCOUNT_NAME" --auth-mode login \
  -d '$web' -s "$site" --overwrite --content-cache-control "no-cache" --only-show-errors -o none; do
  attempt=$((attempt + 1))
  if [ "$attempt" -gt 10 ]; then
    echo "postdeploy: could not upload the form; does the deployer hold Storage Blob Data Contributor?" >&2
    exit 1
  fi
  sleep 30
done

echo "postdeploy: done. Form: $FORM_URL   API: $API_URL"
