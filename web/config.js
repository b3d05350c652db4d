// Where the form and the status page find the API. Empty: the page's own origin, as on the local host,
// which serves both. A deployment to Azure replaces this file in the static website with the Function
// app's address (infra/hooks/postdeploy.sh), because there the form and the API have different origins.
window.proposalsConfig = { apiBaseUrl: "" };
