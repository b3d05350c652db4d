// The staff console: every action is a call to /api/staff/... (README, "Staff console"). Vietnamese by
// default, English on request; times in Vietnam time (UTC+7, no daylight saving). Charts are drawn here
// as plain SVG: nothing is fetched from anywhere but the API.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const svgNs = "http://www.w3.org/2000/svg";
  const keyStorage = "staff-key";
  const sizes = ["micro", "small", "medium", "large"];
  const text = {
    vi: {
      switchTo: "English", skip: "Bỏ qua, tới nội dung chính", heading: "Bảng điều khiển cán bộ tiếp nhận", signOut: "Đăng xuất",
      signinHeading: "Đăng nhập", keyLabel: "Mã truy cập cán bộ", keyHelp: "Mã chỉ được giữ trong phiên trình duyệt này và bị xoá khi đóng thẻ.",
      signIn: "Đăng nhập", keyMissing: "Vui lòng nhập mã truy cập.", unauthenticated: "Cần đăng nhập để tiếp tục.",
      forbidden: "Mã hoặc tài khoản này không có quyền cán bộ.", signedInAs: "Đăng nhập với tài khoản", signedInKey: "Đăng nhập bằng mã truy cập",
      signInEntra: "Đăng nhập bằng tài khoản cơ quan (Microsoft Entra ID)", signInAgain: "Phiên đăng nhập chưa được ghi nhận; vui lòng đăng nhập lại.",
      otherAccount: "Đăng nhập bằng tài khoản khác",
      callLabel: "Đợt tiếp nhận", chartsHeading: "Hồ sơ đến", perDay: "Số hồ sơ theo ngày (giờ Việt Nam)",
      byArea: "Theo nội dung ưu tiên: đã chọn và gợi ý", declared: "Đã chọn", suggested: "Gợi ý",
      listHeading: "Danh sách hồ sơ", search: "Tìm kiếm (số tiếp nhận, doanh nghiệp, mã số thuế, nhiệm vụ, tỉnh)",
      status: "Tình trạng", declaredArea: "Nội dung đã chọn", suggestedArea: "Nội dung gợi ý", size: "Quy mô", region: "Vùng",
      flag: "Lưu ý", apply: "Lọc", clear: "Bỏ lọc", prev: "Trang trước", next: "Trang sau", all: "Tất cả", none: "—",
      receipt: "Số tiếp nhận", enterprise: "Doanh nghiệp", taxCode: "Mã số thuế", task: "Tên nhiệm vụ", area: "Nội dung ưu tiên",
      submittedAt: "Thời điểm nộp", open: "Xem", openLabel: "Xem hồ sơ", found: (n) => `Tìm thấy ${n} hồ sơ.`,
      pageOf: (a, b, n) => `${a}–${b} / ${n}`, loading: "Đang tải…", failed: "Không tải được dữ liệu; vui lòng thử lại.",
      total: "Tổng số", poisoned: "Lỗi xử lý",
      reportGaps: "Báo cáo tổng hợp sẽ thiếu những thông tin sau; đề nghị bổ sung vào cấu hình đợt tiếp nhận trước hạn:",
      sizes: { micro: "Siêu nhỏ", small: "Nhỏ", medium: "Vừa", large: "Lớn" },
      states: { upcoming: "Chưa mở", open: "Đang tiếp nhận", closing: "Sắp hết hạn", closed: "Đã hết hạn", "report-ready": "Đã có báo cáo" },
      deadline: "Hạn tiếp nhận: trước", vnTime: "(giờ Việt Nam)", left: "Còn", closedAt: "Đã hết hạn tiếp nhận.",
      days: "ngày", stuckHeading: "Hồ sơ bị kẹt hoặc lỗi xử lý", stuckNone: "Không có hồ sơ nào bị kẹt.",
      stage: "Giai đoạn", age: "Thời gian chờ", reason: "Lý do", replay: "Chạy lại", replayLabel: "Chạy lại hồ sơ",
      replayed: (r) => `Đã gửi lại hồ sơ ${r} vào quy trình.`, poisonedYes: "Lỗi xử lý (poison)", stuckOnly: "Chậm",
      reportHeading: "Báo cáo tổng hợp", reportNone: "Chưa có báo cáo. Báo cáo được lập tự động sau hạn tiếp nhận.",
      reportReady: "Báo cáo đã sẵn sàng.", revision: "Bản", requested: "Đã yêu cầu", written: "Đã lập", completedAt: "Hoàn thành",
      requestedAt: "Yêu cầu lúc", submissionCount: "Số hồ sơ", download: "Tải về", newRevision: "Lập bản báo cáo mới",
      revisionBeforeDeadline: "Chỉ lập được báo cáo sau hạn tiếp nhận.", revisionRequested: (n) => `Đã yêu cầu bản báo cáo ${n}.`,
      revisionUnavailable: "Máy chủ chưa hỗ trợ lập lại báo cáo.", close: "Đóng", fields: "Nội dung đề xuất",
      documents: "Tài liệu", safeCopy: "bản an toàn", original: "Tải bản gốc (được ghi nhật ký)", signedScan: "Bản quét có chữ ký (PDF)", editableForm: "Tệp Word (.docx)", findings: "Kết quả kiểm tra",
      rejections: "Lý do không hợp lệ", warnings: "Điểm cần xem lại", noFindings: "Không có ghi chú.", evidence: "Căn cứ phân loại",
      sizeEvidence: "Căn cứ quy mô", sector: "Ngành", priorityEvidence: "Từ khoá khớp", rulesVersion: "Phiên bản quy tắc",
      duplicates: "Có thể trùng", versions: "Các phiên bản (bản sửa do doanh nghiệp nộp kèm mã tra cứu hoặc ký số)", version: "Phiên bản",
      supersededBy: "Thay bằng", province: "Tỉnh/thành phố", pipeline: "Xử lý", validatedAt: "Kiểm tra lúc", classifiedAt: "Phân loại lúc",
      lastError: "Lỗi gần nhất", bytes: "byte", flags: "Lưu ý",
      counting: "Tính vào tổng hợp", counted: "Được tính trong báo cáo", notCounted: "Không được tính trong báo cáo",
      malwareRelease: "Xác nhận đã quét ở nơi khác", malwareReleaseNote: "Tệp đã được quét mã độc ở đâu, bằng cách nào (bắt buộc, ghi vào nhật ký)",
      malwareReleaseNoteNeeded: "Hãy ghi rõ tệp đã được quét ở đâu và bằng cách nào.",
      excludedHeading: "Cán bộ đã loại khỏi tổng hợp", excludeReason: "Lý do loại", excludeNote: "Ghi chú (bắt buộc với \u201cLý do khác\u201d)",
      exclude: "Loại khỏi tổng hợp", include: "Đưa lại vào tổng hợp", excludedBy: "Người quyết định", excludedAt: "Lúc",
      excludeFailed: "Không thực hiện được:", auditHeading: "Nhật ký thao tác của cán bộ", auditNone: "Chưa có thao tác nào.",
      scan: "Quét mã độc", confirmHeading: "Hồ sơ này đã bị từ chối", confirmDownload: "Vẫn tải tệp", cancel: "Huỷ",
      blocked: "Tệp chứa mã độc: không cho tải về.", excludedTag: "Đã loại",
      inboundHeading: "Hồ sơ nhận qua email và bản giấy", inboundHint: "Hồ sơ gửi qua email tới địa chỉ của đợt có tình trạng \u201cNhận qua email, chờ cán bộ hoàn thiện\u201d (lọc theo tình trạng ở danh sách): mở, hoàn thiện thông tin rồi chấp nhận. Hồ sơ nộp bản giấy do cán bộ nhập.",
      paperEntry: "Nhập hồ sơ nộp bản giấy", unmatchedHeading: "Email không thành hồ sơ (không đúng địa chỉ đợt, không có tệp, hoặc sau hạn)",
      unmatchedNone: "Không có email nào.", from: "Người gửi", subject: "Tiêu đề", emailHeading: "Email", attachments: "Tệp đính kèm",
      spam: "Điểm spam", reviewHeading: "Hoàn thiện và chấp nhận", reviewHint: "Thông tin dưới đây đọc từ phiếu Word đính kèm (nếu theo mẫu của đợt). Sửa hoặc bổ sung rồi bấm Chấp nhận: hồ sơ được kiểm tra theo đúng quy tắc của biểu mẫu trực tuyến.",
      accept: "Chấp nhận hồ sơ", acceptFailed: "Chưa chấp nhận được:", setAside: "Không phải đề xuất", setAsideReason: "Lý do (bắt buộc)",
      source: { email: "Email", paper: "Bản giấy" }, paperReceivedOn: "Ngày nhận bản giấy", notAProposal: "Không phải đề xuất vì",
      wordNotTemplate: "Tệp Word không theo mẫu của đợt: hãy nhập thông tin từ tệp.", problems: "Phát hiện",
      signature: "Chữ ký số", signer: "Người ký", issuer: "Tổ chức cấp chứng thư", signerTaxCodes: "Mã số thuế trong chứng thư",
      signedAt: "Thời điểm ký", signedTimeSigned: "nằm trong chữ ký", signedTimeClaimed: "do người ký ghi (/M)", validAtSigning: "Chứng thư còn hiệu lực khi ký",
      yes: "Có", no: "Không", signatureNone: "Tệp không có chữ ký số.",
      indication: "Kết quả kiểm tra (ETSI EN 319 102-1)", signedRevision: "Tải bản đã ký (phiên bản chữ ký này bảo vệ)", replacedBySignature: "Thay hồ sơ (chứng minh bằng chữ ký số)",
    },
    en: {
      switchTo: "Tiếng Việt", skip: "Skip to the main content", heading: "Staff console", signOut: "Sign out",
      signinHeading: "Sign in", keyLabel: "Staff access key", keyHelp: "The key is kept only for this browser session and forgotten when the tab closes.",
      signIn: "Sign in", keyMissing: "Please enter the access key.", unauthenticated: "Please sign in to continue.",
      forbidden: "This key or account does not carry the staff role.", signedInAs: "Signed in as", signedInKey: "Signed in with the access key",
      signInEntra: "Sign in with your agency account (Microsoft Entra ID)", signInAgain: "The sign-in did not take; please sign in again.",
      otherAccount: "Sign in with another account",
      callLabel: "Call", chartsHeading: "Submissions arriving", perDay: "Submissions per day (Vietnam time)",
      byArea: "By priority area: declared and suggested", declared: "Declared", suggested: "Suggested",
      listHeading: "Submissions", search: "Search (receipt, enterprise, tax code, task, province)",
      status: "Status", declaredArea: "Declared area", suggestedArea: "Suggested area", size: "Size", region: "Region",
      flag: "Flag", apply: "Filter", clear: "Clear filters", prev: "Previous page", next: "Next page", all: "All", none: "—",
      receipt: "Receipt number", enterprise: "Enterprise", taxCode: "Tax code", task: "Task name", area: "Priority area",
      submittedAt: "Submitted at", open: "Open", openLabel: "Open submission", found: (n) => `${n} submissions found.`,
      pageOf: (a, b, n) => `${a}–${b} of ${n}`, loading: "Loading…", failed: "The data could not be loaded; please try again.",
      total: "Total", poisoned: "Failed processing",
      reportGaps: "The compiled report will lack the following; have them added to the call's configuration before the deadline:",
      sizes: { micro: "Micro", small: "Small", medium: "Medium", large: "Large" },
      states: { upcoming: "Not open yet", open: "Open", closing: "Closing soon", closed: "Closed", "report-ready": "Report ready" },
      deadline: "Deadline: before", vnTime: "(Vietnam time)", left: "Left:", closedAt: "The call is closed.",
      days: "days", stuckHeading: "Stuck and failed submissions", stuckNone: "No submission is stuck.",
      stage: "Stage", age: "Waiting", reason: "Reason", replay: "Replay", replayLabel: "Replay submission",
      replayed: (r) => `Submission ${r} was sent through the pipeline again.`, poisonedYes: "Failed (poison)", stuckOnly: "Slow",
      reportHeading: "Compiled report", reportNone: "No report yet. It is compiled automatically after the deadline.",
      reportReady: "The report is ready.", revision: "Revision", requested: "Requested", written: "Written", completedAt: "Completed",
      requestedAt: "Requested at", submissionCount: "Submissions", download: "Download", newRevision: "Produce a new report revision",
      revisionBeforeDeadline: "A report can only be produced after the deadline.", revisionRequested: (n) => `Revision ${n} requested.`,
      revisionUnavailable: "The server does not support new revisions yet.", close: "Close", fields: "The proposal",
      documents: "Documents", safeCopy: "safe copy", original: "Download the original (recorded)", signedScan: "Signed scan (PDF)", editableForm: "Word file (.docx)", findings: "Validation findings",
      rejections: "Reasons for rejection", warnings: "Points to review", noFindings: "No findings.", evidence: "Classification evidence",
      sizeEvidence: "Size evidence", sector: "Sector", priorityEvidence: "Matched phrases", rulesVersion: "Rules version",
      duplicates: "Possible duplicates", versions: "Versions (revisions the enterprise sent with its tracking token or digital signature)", version: "Version",
      supersededBy: "Superseded by", province: "Province", pipeline: "Processing", validatedAt: "Validated at", classifiedAt: "Classified at",
      lastError: "Last error", bytes: "bytes", flags: "Flags",
      counting: "Counted in the report", counted: "Counted in the report", notCounted: "Not counted in the report",
      malwareRelease: "Release: scanned elsewhere", malwareReleaseNote: "Where and how the files were scanned for malware (required, on the record)",
      malwareReleaseNoteNeeded: "Write down where and how the files were scanned.",
      excludedHeading: "Excluded from the report by staff", excludeReason: "Reason", excludeNote: "Note (required with \u201cOther reason\u201d)",
      exclude: "Exclude from the report", include: "Count it again", excludedBy: "Decided by", excludedAt: "At",
      excludeFailed: "Not done:", auditHeading: "Staff actions on record", auditNone: "No action yet.",
      scan: "Malware scan", confirmHeading: "This submission was rejected", confirmDownload: "Download anyway", cancel: "Cancel",
      blocked: "The file contains malware: it cannot be downloaded.", excludedTag: "Excluded",
      inboundHeading: "Proposals by email and on paper", inboundHint: "An email sent to the call's address is listed as \u201cReceived by email, waiting for staff\u201d (filter the list by status): open it, complete it and accept it. Proposals on paper are entered by staff.",
      paperEntry: "Enter a proposal received on paper", unmatchedHeading: "Emails that became no submission (no call's address, no file, or after the deadline)",
      unmatchedNone: "No email.", from: "From", subject: "Subject", emailHeading: "Email", attachments: "Attachments",
      spam: "Spam score", reviewHeading: "Complete and accept", reviewHint: "The answers below were read from the attached Word form (when it follows the call's template). Correct or complete them and accept: the same rules as the web form apply.",
      accept: "Accept the proposal", acceptFailed: "Not accepted yet:", setAside: "Not a proposal", setAsideReason: "Reason (required)",
      source: { email: "Email", paper: "Paper" }, paperReceivedOn: "Paper received on", notAProposal: "Not a proposal because",
      wordNotTemplate: "The Word file does not follow the call's template: type the answers from it.", problems: "Found",
      signature: "Digital signature", signer: "Signer", issuer: "Certificate issued by", signerTaxCodes: "Tax code in the certificate",
      signedAt: "Signed at", signedTimeSigned: "inside the signature", signedTimeClaimed: "as the signer wrote it (/M)", validAtSigning: "Certificate valid when signed",
      yes: "Yes", no: "No", signatureNone: "The file carries no digital signature.",
      indication: "Outcome (ETSI EN 319 102-1)", signedRevision: "Download the signed version (the revision this signature covers)", replacedBySignature: "Replaces (proven by the digital signature)",
    },
  };
  const columns = [
    ["receiptNumber", "receipt"], ["enterpriseName", "enterprise"], ["taxCode", "taxCode"], ["taskName", "task"],
    ["priorityArea", "area"], ["size", "size"], ["region", "region"], ["status", "status"], [null, "signature"], [null, "flags"], ["receivedAt", "submittedAt"], [null, "open"],
  ];

  let language = new URLSearchParams(location.search).get("lang") || localStorage.getItem("proposal-language") || "vi";
  // How staff sign in is the server's answer to /api/staff/me: locally with the staff key (kept for this
  // browser session only); in Azure with Entra ID through App Service Authentication on this same origin,
  // whose 401 names the sign-in address (signInUrl) and whose session cookie is this site's own.
  const auth = { key: sessionStorage.getItem(keyStorage), identity: null, signInUrl: null, signOutUrl: null };
  const signInAttempt = "staff-signin-attempt";
  const state = {
    calls: [], callId: null, overview: null, form: null, report: null, stuck: null, page: null,
    filters: {}, sort: "receiptNumber", order: "asc", pageSize: 50, tokens: [null], pageIndex: 0, signInMessage: null,
  };
  let countdownTimer = null;
  let refreshTimer = null;

  const t = () => text[language];
  // Status codes and their labels come from the server (the overview), the one copy of them.
  const statuses = () => (state.overview ? state.overview.statuses.map((s) => s.code) : []);
  const statusLabel = (code) => {
    const status = state.overview && state.overview.statuses.find((s) => s.code === code);
    return status ? status[language] : code;
  };

  // Signature states and their labels come from the overview too; the mark carries the state for its colour.
  const signatureLabel = (code) => {
    const found = state.overview && code && state.overview.signatureStates.find((s) => s.code === code);
    return found ? found[language] : t().none;
  };
  const signatureMark = (code) => el("span", { class: "signature", "data-signature": code || "unknown", text: signatureLabel(code) });

  // ---- Calls to the API -------------------------------------------------------------------------
  class SignInRequired extends Error {}

  async function request(path, options) {
    // Every console request says it is the console's (X-Requested-With) and that its body is JSON: the server
    // refuses a state-changing staff request without both (a forged one from another site cannot send them).
    const headers = Object.assign({ Accept: "application/json", "Content-Type": "application/json", "X-Requested-With": "staff-console" },
      (options && options.headers) || {});
    if (auth.key) headers["x-staff-key"] = auth.key;
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401 || response.status === 403) {
      const problem = await response.clone().json().catch(() => ({}));
      // A 403 about something else (a blocked document) is the caller's to show, not a sign-in problem.
      if (response.status === 403 && problem.type && !problem.type.endsWith("/forbidden")) return response;
      refused(response.status, problem);
      throw new SignInRequired();
    }
    return response;
  }

  async function getJson(path) {
    const response = await request(path);
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  }

  const callPath = (suffix) => "/api/staff/calls/" + encodeURIComponent(state.callId) + suffix;

  // ---- Sign-in ----------------------------------------------------------------------------------
  // A 401 or 403 from any call lands here. With Entra ID the browser goes to sign in (once: coming back
  // still refused shows the reason instead of looping); with the key, the key form comes back.
  function refused(status, problem) {
    auth.signInUrl = problem.signInUrl || null;
    auth.signOutUrl = problem.signOutUrl || auth.signOutUrl;
    if (status === 401 && auth.signInUrl && !auth.key) {
      const tried = Number(sessionStorage.getItem(signInAttempt) || 0);
      if (Date.now() - tried > 60000) {
        sessionStorage.setItem(signInAttempt, String(Date.now()));
        location.assign(signInHref());
        return;
      }
      signOut("signInAgain");
      return;
    }
    signOut(status === 401 ? "unauthenticated" : "forbidden");
  }

  function signInHref() {
    return auth.signInUrl + "?post_login_redirect_uri=" + encodeURIComponent(location.pathname + location.search + location.hash);
  }

  function signOut(reason) {
    auth.key = null;
    auth.identity = null;
    sessionStorage.removeItem(keyStorage);
    state.signInMessage = reason || null;
    clearInterval(countdownTimer);
    clearInterval(refreshTimer);
    $("console").hidden = true;
    $("sign-out").hidden = true;
    $("signin").hidden = false;
    renderSignIn();
    if (!auth.signInUrl) $("staff-key").focus();
  }

  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = $("staff-key").value.trim();
    if (!key) {
      state.signInMessage = "keyMissing";
      renderSignIn();
      return;
    }
    auth.key = key;
    sessionStorage.setItem(keyStorage, key);
    $("staff-key").value = "";
    await start();
  });

  $("sign-out").addEventListener("click", () => {
    if (auth.identity && auth.identity.signOutUrl) {
      location.assign(auth.identity.signOutUrl + "?post_logout_redirect_uri=" + encodeURIComponent(location.pathname));
      return;
    }
    signOut(null);
  });

  function renderSignIn() {
    const message = $("signin-message");
    message.hidden = !state.signInMessage;
    message.textContent = state.signInMessage ? t()[state.signInMessage] : "";
    $("staff-key").setAttribute("aria-invalid", state.signInMessage ? "true" : "false");
    // Entra ID where the server offers it, the key form otherwise.
    $("signin-form").hidden = !!auth.signInUrl;
    const entra = $("signin-entra");
    entra.hidden = !auth.signInUrl;
    if (auth.signInUrl) {
      entra.href = signInHref();
      entra.textContent = t().signInEntra;
    }
    const other = $("signin-other");
    other.hidden = !(auth.signOutUrl && state.signInMessage === "forbidden");
    if (!other.hidden) {
      other.href = auth.signOutUrl + "?post_logout_redirect_uri=" + encodeURIComponent(location.pathname);
      other.textContent = t().otherAccount;
    }
  }

  // ---- Loading ----------------------------------------------------------------------------------
  async function start() {
    try {
      auth.identity = await getJson("/api/staff/me");
      const listed = await getJson("/api/staff/calls");
      state.calls = listed.calls;
      state.defaultCallId = listed.defaultCallId;
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
      return;
    }
    sessionStorage.removeItem(signInAttempt);
    state.signInMessage = null;
    $("signin").hidden = true;
    $("console").hidden = false;
    $("sign-out").hidden = false;
    const wanted = new URLSearchParams(location.search).get("call");
    // Asked for by the address, or the server's choice: the open call with the nearest deadline, else the
    // most recently closed.
    state.callId = (state.calls.find((c) => c.callId === wanted) || state.calls.find((c) => c.callId === state.defaultCallId) || state.calls[0] || {}).callId || null;
    renderCallPicker();
    await loadCall();
    renderAll();
    clearInterval(refreshTimer);
    // Charts and counts follow submissions as they arrive, while the page is visible.
    refreshTimer = setInterval(() => { if (!document.hidden) refresh(); }, 30000);
  }

  async function loadCall() {
    if (!state.callId) return;
    state.tokens = [null];
    state.pageIndex = 0;
    state.form = null;
    state.call = null;
    fetch("/api/calls/" + encodeURIComponent(state.callId)).then((r) => (r.ok ? r.json() : null))
      .then((call) => { state.form = call && call.form; state.call = call; }).catch(() => {});
    await Promise.all([loadOverview(), loadPage(), loadStuck(), loadReport(), loadUnmatched()]);
    renderFilters();
  }

  async function refresh() {
    try {
      // Rows under the keyboard focus or an open dialog stay put: replacing them would lose the focus.
      const busy = $("detail").open || $("submission-table").contains(document.activeElement) || $("stuck-table").contains(document.activeElement);
      await Promise.all(busy ? [loadOverview()] : [loadOverview(), loadPage(true), loadStuck()]);
    } catch (e) {
      // The next refresh tries again; sign-in problems are handled in request().
    }
  }

  function guard(promise) {
    return promise.catch((e) => { if (!(e instanceof SignInRequired)) showError(); });
  }

  function showError() {
    $("load-error").hidden = false;
    $("load-error").textContent = t().failed;
  }

  // The list's words for signature states come with the overview: a page drawn before the first one arrived is drawn again.
  const loadOverview = () => guard(getJson(callPath("/overview")).then((o) => {
    const first = !state.overview;
    state.overview = o;
    renderOverview();
    if (first && state.page) renderPage();
  }));
  const loadStuck = () => guard(getJson(callPath("/stuck")).then((s) => { state.stuck = s; renderStuck(); }));
  const loadUnmatched = () => guard(getJson("/api/staff/inbound/unmatched").then((u) => { state.unmatched = u.emails; renderUnmatched(); }));
  const loadReport = () => guard(getJson(callPath("/report")).then((r) => { state.report = r; renderReport(); }));

  function loadPage(quiet) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(state.filters)) if (value) query.set(name, value);
    query.set("sort", state.sort);
    query.set("order", state.order);
    query.set("pageSize", String(state.pageSize));
    const token = state.tokens[state.pageIndex];
    if (token) query.set("continuationToken", token);
    if (!quiet) $("list-summary").textContent = t().loading;
    return guard(getJson(callPath("/submissions?" + query)).then((page) => {
      state.page = page;
      state.tokens[state.pageIndex + 1] = page.continuationToken || null;
      renderPage();
    }));
  }

  // ---- Rendering --------------------------------------------------------------------------------
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const pad = (n) => String(n).padStart(2, "0");
  function vietnamTime(iso, withSuffix) {
    if (!iso) return t().none;
    const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
    const shown = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return withSuffix ? `${shown} ${t().vnTime}` : shown;
  }

  function areaTitle(number) {
    const area = state.overview && state.overview.byPriorityArea.find((a) => a.area === number);
    if (!area) return number === null || number === undefined ? t().none : String(number);
    return `${number}. ${language === "en" && area.titleEn ? area.titleEn : area.title}`;
  }

  function flagLabel(code) {
    const flag = state.overview && state.overview.flags.find((f) => f.code === code);
    return flag ? flag[language] : code;
  }

  function renderAll() {
    document.documentElement.lang = language;
    $("language").textContent = t().switchTo;
    $("language").setAttribute("lang", language === "vi" ? "en" : "vi");
    for (const node of document.querySelectorAll("[data-text]")) node.textContent = t()[node.dataset.text];
    document.title = t().heading;
    $("who").textContent = !auth.identity ? "" : auth.identity.signedInWith === "entra" ? `${t().signedInAs} ${auth.identity.name}` : t().signedInKey;
    renderSignIn();
    if (state.calls.length) {
      renderCallPicker();
      renderOverview();
      renderFilters();
      renderPage();
      renderStuck();
      renderReport();
      renderUnmatched();
    }
  }

  function renderCallPicker() {
    const select = $("call-select");
    select.replaceChildren(...state.calls.map((c) =>
      el("option", { value: c.callId, selected: c.callId === state.callId, text: language === "en" && c.titleEn ? c.titleEn : c.title })));
  }

  function renderOverview() {
    const o = state.overview;
    if (!o) return;
    const call = o.call;
    $("call-heading").textContent = language === "en" && call.titleEn ? call.titleEn : call.title;
    $("call-state").textContent = t().states[call.state] || call.state;
    $("call-state").className = "badge state-" + call.state;
    $("call-state").dataset.state = call.state;
    $("call-deadline").textContent = `${t().deadline} ${vietnamTime(call.deadlineUtc, true)}`;
    clearInterval(countdownTimer);
    tick();
    countdownTimer = setInterval(tick, 1000);
    const counts = [["total", t().total, call.total]].concat(statuses().map((s) => [s, statusLabel(s), call.byStatus[s] || 0]));
    if (call.poisoned) counts.push(["poisoned", t().poisoned, call.poisoned]);
    $("counts").replaceChildren(...counts.map(([key, label, value]) =>
      el("div", { "data-count": key }, el("dt", { text: label }), el("dd", { text: String(value) }))));
    // What the call file leaves out of the report's sign-off: the server's wording, in the page's language.
    const warnings = o.warnings || [];
    $("call-warnings").hidden = warnings.length === 0;
    $("call-warning-list").replaceChildren(...warnings.map((w) => el("li", { "data-warning": w.code, text: w[language] })));
    drawBars($("chart-days"), o.perDay.map((d) => ({ label: d.date.slice(8) + "/" + d.date.slice(5, 7), values: [d.count] })),
      [""], t().perDay);
    drawBars($("chart-areas"), o.byPriorityArea.map((a) => ({ label: String(a.area), title: areaTitle(a.area), values: [a.declared, a.suggested] })),
      [t().declared, t().suggested], t().byArea);
  }

  function tick() {
    const call = state.overview && state.overview.call;
    if (!call) return;
    const left = Date.parse(call.deadlineUtc) - Date.now();
    if (left <= 0) {
      $("countdown").textContent = t().closedAt;
      return;
    }
    const s = Math.floor(left / 1000);
    $("countdown").textContent = `${t().left} ${Math.floor(s / 86400)} ${t().days} ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  }

  // A bar chart in SVG: one group of bars per item, one bar per series; labels under the bars.
  function drawBars(container, items, series, description) {
    const width = 480, height = 220, left = 34, bottom = 28, top = 10;
    const max = Math.max(1, ...items.flatMap((i) => i.values));
    const svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "img");
    const total = items.reduce((sum, i) => sum + i.values[0], 0);
    svg.setAttribute("aria-label", `${description}: ${items.map((i) => `${i.label} ${i.values.join("/")}`).join(", ") || total}`);
    const add = (name, attributes, content) => {
      const node = document.createElementNS(svgNs, name);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (content !== undefined) node.textContent = content;
      svg.appendChild(node);
      return node;
    };
    const plotHeight = height - top - bottom;
    add("line", { x1: left, y1: top + plotHeight, x2: width, y2: top + plotHeight, class: "axis" });
    add("line", { x1: left, y1: top, x2: left, y2: top + plotHeight, class: "axis" });
    add("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, String(max));
    add("text", { x: left - 4, y: top + plotHeight, "text-anchor": "end" }, "0");
    const slot = (width - left - 4) / Math.max(1, items.length);
    const barWidth = Math.max(1, Math.min(36, (slot * 0.8) / series.length));
    const inset = (slot - barWidth * series.length) / 2;
    const labelEvery = Math.ceil(items.length / 16);
    items.forEach((item, i) => {
      item.values.forEach((value, s) => {
        const barHeight = (value / max) * plotHeight;
        const bar = add("rect", {
          x: left + 2 + i * slot + inset + s * barWidth, y: top + plotHeight - barHeight, width: barWidth, height: barHeight,
          class: "bar" + (s === 1 ? " suggested" : ""), "data-value": value,
        });
        const title = document.createElementNS(svgNs, "title");
        title.textContent = `${item.title || item.label}${series[s] ? " – " + series[s] : ""}: ${value}`;
        bar.appendChild(title);
      });
      if (i % labelEvery === 0) add("text", { x: left + 2 + i * slot + slot / 2, y: height - 10, "text-anchor": "middle" }, item.label);
    });
    const legend = series.length > 1
      ? el("p", { class: "legend" }, ...series.map((name, s) => el("span", { class: s === 1 ? "suggested" : "", text: name })))
      : null;
    container.replaceChildren(svg, ...(legend ? [legend] : []));
  }

  function renderFilters() {
    const o = state.overview;
    if (!o) return;
    const options = {
      status: statuses().map((s) => [s, statusLabel(s)]),
      priorityArea: o.byPriorityArea.map((a) => [String(a.area), areaTitle(a.area)]),
      suggestedArea: o.byPriorityArea.map((a) => [String(a.area), areaTitle(a.area)]),
      size: sizes.map((s) => [s, t().sizes[s]]),
      region: o.byRegion.map((r) => [r.key, r.name]),
      flag: o.flags.map((f) => [f.code, f[language]]),
      signature: o.signatureStates.map((s) => [s.code, s[language]]),
    };
    for (const [name, choices] of Object.entries(options)) {
      const select = $("filter-" + name);
      select.replaceChildren(el("option", { value: "", text: t().all }),
        ...choices.map(([value, label]) => el("option", { value, text: label, selected: state.filters[name] === value })));
    }
    $("filter-q").value = state.filters.q || "";
  }

  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData($("filters"));
    state.filters = {};
    for (const [name, value] of form.entries()) if (String(value).trim()) state.filters[name] = String(value).trim();
    firstPage();
  });
  for (const select of document.querySelectorAll("#filters select")) {
    select.addEventListener("change", () => $("filters").requestSubmit());
  }
  $("clear-filters").addEventListener("click", () => {
    state.filters = {};
    renderFilters();
    firstPage();
  });
  $("prev-page").addEventListener("click", () => { if (state.pageIndex > 0) { state.pageIndex--; loadPage(); } });
  $("next-page").addEventListener("click", () => { if (state.tokens[state.pageIndex + 1]) { state.pageIndex++; loadPage(); } });

  function firstPage() {
    state.tokens = [null];
    state.pageIndex = 0;
    loadPage();
  }

  function sortBy(key) {
    state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
    state.sort = key;
    state.focusSort = key; // the header is redrawn: keep the keyboard focus on it
    firstPage();
  }

  function renderPage() {
    const head = $("submission-head");
    // Whichever render comes (a refresh, then the sorted page), a header that had the focus keeps it.
    const focusedSort = head.contains(document.activeElement) ? document.activeElement.dataset.sort : null;
    head.replaceChildren(...columns.map(([key, label]) => {
      if (!key) return el("th", { scope: "col", text: label === "open" ? "" : t()[label] });
      const sorted = state.sort === key ? (state.order === "asc" ? "ascending" : "descending") : null;
      return el("th", { scope: "col", "aria-sort": sorted }, el("button", { type: "button", "data-sort": key, text: t()[label], onclick: () => sortBy(key) }));
    }));
    const refocus = state.focusSort || focusedSort;
    if (refocus) {
      head.querySelector(`[data-sort="${refocus}"]`).focus();
      state.focusSort = null;
    }
    const page = state.page;
    if (!page) return;
    const first = state.pageIndex * state.pageSize;
    $("list-summary").textContent = t().found(page.total);
    $("page-info").textContent = page.total ? t().pageOf(first + 1, first + page.items.length, page.total) : "";
    $("prev-page").disabled = state.pageIndex === 0;
    $("next-page").disabled = !page.continuationToken;
    $("submission-rows").replaceChildren(...page.items.map((s) => el("tr", { "data-submission": s.submissionId },
      el("td", { text: s.receiptNumber }),
      el("td", { text: s.enterpriseName }),
      el("td", { text: s.taxCode }),
      el("td", { text: s.taskName }),
      el("td", { text: `${areaTitle(s.priorityArea)}${s.suggestedPriorityArea && s.suggestedPriorityArea !== s.priorityArea ? ` (${t().suggested}: ${s.suggestedPriorityArea})` : ""}` }),
      el("td", { text: s.enterpriseSize ? t().sizes[s.enterpriseSize] || s.enterpriseSize : t().none }),
      el("td", { text: s.regionName || t().none }),
      el("td", {}, statusLabel(s.status) + (s.excludedReason ? ` (${t().excludedTag})` : ""),
        s.source && s.source !== "web" ? el("span", { class: "source", text: t().source[s.source] || s.source }) : null),
      el("td", {}, signatureMark(s.signatureState)),
      el("td", {}, ...s.flags.map((f) => el("span", { class: "flag", text: flagLabel(f) }))),
      el("td", { text: vietnamTime(s.receivedAtUtc) }),
      el("td", {}, el("button", { type: "button", class: "open", "aria-label": `${t().openLabel} ${s.receiptNumber}`, text: t().open, onclick: () => openDetail(s.submissionId) })),
    )));
  }

  // ---- One submission ---------------------------------------------------------------------------
  let lastFocus = null;
  async function openDetail(submissionId) {
    lastFocus = document.activeElement;
    let detail;
    try {
      detail = await getJson(callPath("/submissions/" + encodeURIComponent(submissionId)));
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
      return;
    }
    const s = detail.submission;
    const c = detail.classification;
    $("detail-heading").textContent = `${s.receiptNumber} – ${s.enterpriseName}`;
    const list = (pairs) => el("dl", {}, ...pairs.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value === null || value === undefined || value === "" ? t().none : String(value) })]));
    const fieldLabel = (key) => {
      const field = state.form && state.form.sections.flatMap((x) => x.fields).find((f) => f.key === key);
      return field ? field.label[language] : key;
    };
    const related = (items) => items.length
      ? el("ul", {}, ...items.map((r) => el("li", { text: `${r.receiptNumber} – ${vietnamTime(r.receivedAtUtc, true)} – ${statusLabel(r.status)} – ${t().version} ${r.version}${r.supersededBy ? ` (${t().supersededBy} ${r.supersededBy})` : ""}${r.submissionId === s.submissionId ? " ◀" : ""}` })))
      : el("p", { text: t().none });
    const findings = (items) => el("ul", {}, ...items.map((f) => el("li", { text: f[language] || f.vi })));
    $("detail-body").replaceChildren(...[
      list([[t().status, statusLabel(s.status)], [t().submittedAt, vietnamTime(s.receivedAtUtc, true)],
        [t().taxCode, s.taxCode], [t().province, s.province], [t().flags, detail.flags.map((f) => f[language]).join("; ")]]),
      el("h3", { text: t().documents }),
      // The disarmed safe copy first; the original one click away, on the audit trail (issue 21).
      el("div", { class: "actions" }, ...["signedScan", "editableForm"].flatMap((kind) => [el("button", {
        type: "button", class: "secondary", "data-document": kind, text: `${t().download}: ${t()[kind]} (${t().safeCopy})`,
        onclick: () => downloadDocument(s.submissionId, kind),
      }), el("button", {
        type: "button", class: "link", "data-original": kind, text: `${t().original}: ${t()[kind]}`,
        onclick: () => downloadDocument(s.submissionId, kind, false, true),
      })])),
      el("ul", {}, ...detail.documents.map((d) => el("li", { "data-scan": d.field,
        text: `${t()[d.field] || d.field}: ${d.originalName} (${d.bytes.toLocaleString(language === "vi" ? "vi-VN" : "en-GB")} ${t().bytes}) – ${t().scan}: ${language === "vi" ? d.malwareScanVi : d.malwareScanEn}` }))),
      el("div", { id: "document-message", role: "status" }),
      s.status === "received" && detail.documents.some((d) => !d.malwareScan) ? malwareRelease(s) : null,
      el("h3", { text: t().signature }), signatures(detail.signature, list, detail.submission.submissionId),
      el("h3", { text: t().findings }),
      detail.rejectionReasons.length ? el("div", {}, el("p", { text: t().rejections }), findings(detail.rejectionReasons)) : null,
      detail.reviewWarnings.length ? el("div", {}, el("p", { text: t().warnings }), findings(detail.reviewWarnings)) : null,
      !detail.rejectionReasons.length && !detail.reviewWarnings.length ? el("p", { text: t().noFindings }) : null,
      el("h3", { text: t().evidence }),
      list([[t().size, c.enterpriseSize ? t().sizes[c.enterpriseSize] : null], [t().sizeEvidence, c.enterpriseSizeEvidence],
        [t().sector, c.vsicSection ? `${c.vsicSection} – ${c.sectorName || ""}` : null], [t().region, c.regionName],
        [t().declaredArea, areaTitle(c.declaredPriorityArea)], [t().suggestedArea, c.suggestedPriorityArea ? areaTitle(c.suggestedPriorityArea) : null],
        [t().priorityEvidence, c.priorityEvidence], [t().rulesVersion, c.priorityRulesVersion]]),
      detail.email ? emailSection(s, detail) : null,
      s.status === "needsReview" ? reviewSection(s, detail) : null,
      detail.paperReceivedOn ? list([[t().paperReceivedOn, detail.paperReceivedOn]]) : null,
      detail.notAProposalReason ? list([[t().notAProposal, detail.notAProposalReason]]) : null,
      el("h3", { text: t().counting }), counting(s, detail.exclusion),
      el("h3", { text: t().duplicates }), related(detail.possibleDuplicates),
      el("h3", { text: t().versions }), related(detail.versions),
      el("h3", { text: t().fields }),
      list(Object.entries(detail.fields).map(([key, value]) => [fieldLabel(key), value])),
      el("h3", { text: t().pipeline }),
      list([[t().validatedAt, vietnamTime(detail.pipeline.validatedAtUtc, true)], [t().classifiedAt, vietnamTime(detail.pipeline.classifiedAtUtc, true)],
        [t().lastError, detail.pipeline.lastError]]),
      el("h3", { text: t().auditHeading }),
      detail.audit.length
        ? el("ul", { id: "audit" }, ...detail.audit.map((a) => el("li", { text: `${vietnamTime(a.atUtc, true)} – ${a.actor} – ${a.actionVi}${a.reasonVi ? `: ${a.reasonVi}` : ""}${a.note ? ` (${a.note})` : ""}` })))
        : el("p", { text: t().auditNone }),
    ].filter(Boolean));
    const dialog = $("detail");
    if (!dialog.open) dialog.showModal();
    $("detail-close").focus();
  }

  // ---- Proposals by email and on paper ----------------------------------------------------------
  function emailSection(s, detail) {
    const e = detail.email;
    return el("div", { id: "email" },
      el("h3", { text: t().emailHeading }),
      el("dl", {}, ...[[t().from, `${e.fromName} <${e.from}>`], [t().subject, e.subject], [t().submittedAt, vietnamTime(e.receivedAtUtc, true)],
        [t().spam, e.spamScore === null || e.spamScore === undefined ? t().none : String(e.spamScore)]]
        .flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })])),
      (e.notes || []).length ? el("ul", { class: "email-notes" }, ...e.notes.map((n) => el("li", { text: n[language] }))) : null,
      el("pre", { class: "email-text", text: e.text }),
      el("p", { text: t().attachments }),
      el("ul", {}, ...e.attachments.map((a) => el("li", {},
        el("button", { type: "button", class: "link", "data-attachment": a.download, text: `${a.name} (${a.bytes.toLocaleString(language === "vi" ? "vi-VN" : "en-GB")} ${t().bytes})`,
          onclick: () => downloadDocument(s.submissionId, a.download) }),
        a.problems.length ? el("span", { class: "flag", text: `${t().problems}: ${a.problems.join("; ")}` }) : null))),
      e.wordFollowsTemplate ? null : el("p", { class: "hint", text: t().wordNotTemplate }));
  }

  // The form's fields, filled with what was read from the Word file, for staff to complete; the server applies
  // the web form's rules and answers each field's error.
  function reviewSection(s, detail) {
    const message = el("div", { id: "review-message", role: "alert" });
    const inputs = [];
    const fields = state.form ? state.form.sections.flatMap((x) => x.fields) : [];
    const choices = (field) => {
      const call = state.call || {};
      switch (field.type) {
        case "choice": return field.options.map((o) => [o.value, o.label[language]]);
        case "vsicSection": return (call.vsicSections || []).map((v) => [v.letter, `${v.letter} – ${language === "vi" ? v.nameVi : v.nameEn}`]);
        case "priorityArea": return (call.priorityAreas || []).map((a) => [String(a.number), `${a.number}. ${a.title}`]);
        default: return null;
      }
    };
    const controls = fields.map((field) => {
      const id = "review-" + field.key;
      const options = choices(field);
      const value = detail.fields[field.key] || "";
      const input = options
        ? el("select", { id, name: field.key }, el("option", { value: "", text: "—" }), ...options.map(([v, text]) => el("option", { value: v, text, selected: v === value })))
        : field.type === "multiline" ? el("textarea", { id, name: field.key, rows: "3" }) : el("input", { id, name: field.key, type: "text" });
      if (!options) input.value = value;
      inputs.push(input);
      return el("div", { class: "field", "data-review-field": field.key },
        el("label", { for: id, text: field.label[language] + (field.required ? " *" : "") }), input, el("p", { class: "error", id: id + "-error", hidden: true }));
    });
    const reason = el("textarea", { id: "set-aside-reason", rows: "2", maxlength: "500" });
    return el("div", { id: "review" },
      el("h3", { text: t().reviewHeading }),
      el("p", { class: "hint", text: t().reviewHint }),
      el("div", { class: "review-fields" }, ...controls),
      message,
      el("div", { class: "actions" }, el("button", { type: "button", id: "accept", text: t().accept, onclick: () => accept(s, inputs, message) })),
      el("div", { class: "field" }, el("label", { for: "set-aside-reason", text: t().setAsideReason }), reason),
      el("button", { type: "button", id: "set-aside", class: "secondary", text: t().setAside,
        onclick: () => review(s, "not-a-proposal", { reason: reason.value }, message) }));
  }

  function accept(s, inputs, message) {
    const fields = Object.fromEntries(inputs.filter((i) => i.value.trim()).map((i) => [i.name, i.value]));
    return review(s, "accept", { fields }, message);
  }

  async function review(s, decision, body, message) {
    try {
      const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/${decision}`), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      for (const error of document.querySelectorAll("#review .error")) error.hidden = true;
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        message.textContent = `${t().acceptFailed} ${(language === "vi" ? problem.detail : problem.detailEn) || response.status}`;
        for (const e of problem.errors || []) {
          const target = $("review-" + e.field + "-error");
          if (target) {
            target.textContent = e[language] || e.vi;
            target.hidden = false;
          }
        }
        return;
      }
      await openDetail(s.submissionId);
      loadPage(true);
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  }

  function renderUnmatched() {
    $("paper-entry").href = `/?call=${encodeURIComponent(state.callId || "")}&paper=1&lang=${language}`;
    const emails = state.unmatched;
    if (!emails) return;
    $("unmatched-head").replaceChildren(...[t().submittedAt, t().from, t().subject, t().reason, t().attachments].map((h) => el("th", { scope: "col", text: h })));
    $("unmatched-message").textContent = emails.length ? "" : t().unmatchedNone;
    $("unmatched-table").hidden = !emails.length;
    $("unmatched-rows").replaceChildren(...emails.map((e) => el("tr", { "data-email": e.emailId },
      el("td", { text: vietnamTime(e.receivedAtUtc, true) }),
      el("td", { text: e.from }),
      el("td", { text: e.subject }),
      el("td", { text: [language === "vi" ? e.reasonVi : e.reasonEn, ...(e.notes || []).map((n) => n[language])].join("; ") }),
      el("td", {}, ...e.files.map((f) => el("button", { type: "button", class: "link", text: f.name,
        onclick: () => guard(getJson(`/api/staff/inbound/unmatched/${encodeURIComponent(e.emailId)}/files/${encodeURIComponent(f.file)}`).then((link) => followLink(link.url))) }))),
    )));
  }

  // What the scan's digital signatures prove: the state, then each signature (signer, CA, tax code, time, notes).
  function signatures(signature, list, submissionId) {
    const yesNo = (value) => (value === null || value === undefined ? null : value ? t().yes : t().no);
    return el("div", { id: "signatures" },
      el("p", {}, signatureMark(signature.state)),
      signature.replacedBySignature ? list([[t().replacedBySignature, signature.replacedBySignature]]) : null,
      signature.signatures.length === 0 && signature.state ? el("p", { class: "hint", text: t().signatureNone }) : null,
      ...signature.signatures.map((g) => el("div", { class: "signature-detail" },
        list([[t().status, g[language]], [t().signer, g.signerName], [t().issuer, g.issuer], [t().signerTaxCodes, g.taxCodes.join(", ")],
          [t().signedAt, g.signedAtUtc ? `${vietnamTime(g.signedAtUtc, true)} (${g.signingTimeSigned ? t().signedTimeSigned : t().signedTimeClaimed})` : null],
          [t().validAtSigning, yesNo(g.validAtSigningTime)],
          [t().indication, g.indication ? [g.indication, g.subIndication].filter(Boolean).join(" / ") : null]]),
        el("ul", {}, ...g.notes.map((n) => el("li", { text: n[language] }))),
        // A file that goes on after this signature: staff read what was actually signed (the server audits it).
        g.signedRevision ? el("button", { type: "button", class: "secondary signed-revision", text: t().signedRevision,
          onclick: () => downloadDocument(submissionId, `signedScan/revisions/${g.signedRevision}`, false) }) : null)));
  }

  // Whether the report counts it, and the staff decision that changes that (with a reason, on the record).
  function counting(s, exclusion) {
    const reasons = state.overview ? state.overview.exclusionReasons : [];
    const message = el("p", { id: "exclusion-message", role: "status" });
    if (exclusion) {
      return el("div", { id: "exclusion" },
        el("p", { text: `${t().excludedHeading}: ${language === "vi" ? exclusion.reasonVi : exclusion.reasonEn}${exclusion.note ? ` – ${exclusion.note}` : ""}` }),
        el("p", { class: "hint", text: `${t().excludedBy}: ${exclusion.by || t().none}; ${t().excludedAt}: ${vietnamTime(exclusion.atUtc, true)}` }),
        el("button", { type: "button", id: "include", class: "secondary", text: t().include, onclick: () => decide(s, "DELETE", {}, message) }),
        message);
    }
    if (!s.counted && s.status !== "classified") return el("p", { text: t().notCounted });
    const select = el("select", { id: "exclude-reason" }, ...reasons.map((r) => el("option", { value: r.code, text: r[language] })));
    const note = el("textarea", { id: "exclude-note", rows: "2", maxlength: "500" });
    return el("div", { id: "exclusion" },
      el("p", { text: s.counted ? t().counted : t().notCounted }),
      el("div", { class: "field" }, el("label", { for: "exclude-reason", text: t().excludeReason }), select),
      el("div", { class: "field" }, el("label", { for: "exclude-note", text: t().excludeNote }), note),
      el("button", { type: "button", id: "exclude", class: "secondary", text: t().exclude,
        onclick: () => decide(s, "POST", { reason: select.value, note: note.value }, message) }),
      message);
  }

  // Malware scanning down: staff who scanned the files another way release the submission, saying where and how (on the record).
  function malwareRelease(s) {
    const note = el("textarea", { id: "malware-release-note", rows: "2", maxlength: "500", required: "required" });
    const message = el("p", { id: "malware-release-message", role: "status" });
    const release = async () => {
      if (!note.value.trim()) { message.textContent = t().malwareReleaseNoteNeeded; note.focus(); return; }
      try {
        const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/malware-release`), {
          method: "POST", body: JSON.stringify({ note: note.value }),
        });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          const details = (problem.errors || []).map((e) => e[language] || e.vi).join(" ");
          message.textContent = `${(language === "vi" ? problem.detail : problem.detailEn) || response.status} ${details}`;
          return;
        }
        await openDetail(s.submissionId);
        loadPage(true);
      } catch (e) {
        if (!(e instanceof SignInRequired)) showError();
      }
    };
    return el("div", { id: "malware-release" },
      el("div", { class: "field" }, el("label", { for: "malware-release-note", text: t().malwareReleaseNote }), note),
      el("button", { type: "button", id: "malware-release-button", class: "secondary", text: t().malwareRelease, onclick: release }),
      message);
  }

  async function decide(s, method, body, message) {
    try {
      const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/exclusion`), {
        method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const details = (problem.errors || []).map((e) => e[language] || e.vi).join(" ");
        message.textContent = `${t().excludeFailed} ${(language === "vi" ? problem.detail : problem.detailEn) || response.status} ${details}`;
        return;
      }
      await openDetail(s.submissionId);
      loadPage(true);
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  }

  $("detail-close").addEventListener("click", () => $("detail").close());
  $("detail").addEventListener("close", () => { if (lastFocus) lastFocus.focus(); });

  // A fresh short-lived link on every click; the storage answers with the file as an attachment. A file the
  // scanner found malware in has no link (403); one of a rejected submission is given only once the staff
  // member has read why it was rejected and confirmed (409, then the same address as a POST, which the server records).
  // The safe copy unless the original is asked for (which the server records too).
  async function downloadDocument(submissionId, kind, confirmed, original) {
    const message = $("document-message");
    try {
      const response = await request(callPath(`/submissions/${encodeURIComponent(submissionId)}/documents/${kind}${original ? "?original=true" : ""}`),
        confirmed ? { method: "POST" } : undefined);
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        message.replaceChildren();
        followLink(answer.url);
      } else if (response.status === 409 && answer.type && answer.type.endsWith("/confirm-rejected-document")) {
        message.replaceChildren(
          el("p", { text: `${t().confirmHeading}: ${language === "vi" ? answer.detail : answer.detailEn}` }),
          el("ul", {}, ...(answer.errors || []).map((e) => el("li", { text: e[language] || e.vi }))),
          el("div", { class: "actions" },
            el("button", { type: "button", id: "confirm-download", text: t().confirmDownload, onclick: () => downloadDocument(submissionId, kind, true, original) }),
            el("button", { type: "button", class: "secondary", text: t().cancel, onclick: () => message.replaceChildren() })));
        $("confirm-download").focus();
      } else if (response.status === 403) {
        message.textContent = t().blocked;
      } else {
        showError();
      }
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  }

  function followLink(url) {
    const a = el("a", { href: url, rel: "noopener", download: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // ---- Stuck and poisoned -----------------------------------------------------------------------
  function renderStuck() {
    const stuck = state.stuck;
    if (!stuck) return;
    $("stuck-head").replaceChildren(...[t().receipt, t().status, t().stage, t().age, t().reason, ""].map((h) => el("th", { scope: "col", text: h })));
    $("stuck-message").textContent = stuck.submissions.length ? "" : t().stuckNone;
    $("stuck-table").hidden = !stuck.submissions.length;
    $("stuck-rows").replaceChildren(...stuck.submissions.map((s) => el("tr", { "data-submission": s.submissionId },
      el("td", { text: s.receiptNumber }),
      el("td", { text: statusLabel(s.status) }),
      el("td", { text: s.poisoned ? t().poisonedYes : t().stuckOnly }),
      el("td", { text: `${Math.round(s.ageSeconds / 60)} min` }),
      el("td", { text: s.lastError || t().none }),
      el("td", {}, el("button", { type: "button", class: "replay", "aria-label": `${t().replayLabel} ${s.receiptNumber}`, text: t().replay, onclick: (e) => replay(s, e.target) })),
    )));
  }

  async function replay(submission, button) {
    button.disabled = true;
    try {
      const response = await request(callPath(`/submissions/${encodeURIComponent(submission.submissionId)}/replay`), { method: "POST" });
      $("stuck-message").textContent = response.ok ? t().replayed(submission.receiptNumber) : t().failed;
      setTimeout(refresh, 2000);
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    } finally {
      button.disabled = false;
    }
  }

  // ---- Report revisions -------------------------------------------------------------------------
  // The report API lists revisions when the server has them; older servers answer only with files.
  function renderReport() {
    const report = state.report;
    if (!report) return;
    const revisions = Array.isArray(report.revisions) && report.revisions.length
      ? report.revisions
      : report.files && report.files.length ? [{ revision: null, state: "written", files: report.files }] : [];
    $("report-state").textContent = report.ready ? t().reportReady : t().reportNone;
    $("report-revisions").replaceChildren(...revisions.map((r) => el("div", { class: "revision", "data-revision": r.revision },
      el("h3", { text: [r.revision ? `${t().revision} ${r.revision}` : null, t()[r.state] || r.state].filter(Boolean).join(" – ") }),
      r.requestedAtUtc || r.completedAtUtc || r.submissionCount !== undefined
        ? el("p", { class: "hint", text: [r.requestedAtUtc ? `${t().requestedAt} ${vietnamTime(r.requestedAtUtc, true)}` : null,
          r.completedAtUtc ? `${t().completedAt} ${vietnamTime(r.completedAtUtc, true)}` : null,
          r.submissionCount !== undefined && r.submissionCount !== null ? `${t().submissionCount}: ${r.submissionCount}` : null].filter(Boolean).join(" · ") })
        : null,
      el("ul", {}, ...(r.files || []).map((f) => el("li", {},
        el("button", { type: "button", class: "link report-file", "data-name": f.name, text: `${t().download}: ${f.name.split("/").pop()}`, onclick: () => downloadReportFile(f.name) }),
        ` (${(f.bytes || 0).toLocaleString(language === "vi" ? "vi-VN" : "en-GB")} ${t().bytes})`))))));
    const call = state.overview && state.overview.call;
    const beforeDeadline = call && Date.parse(call.deadlineUtc) > Date.now();
    $("new-revision").disabled = !!beforeDeadline;
    $("new-revision").title = beforeDeadline ? t().revisionBeforeDeadline : "";
  }

  // The links in a listing expire: ask for a fresh one at the moment of the click.
  async function downloadReportFile(name) {
    try {
      const report = await getJson(callPath("/report"));
      state.report = report;
      const all = (report.files || []).concat(...(report.revisions || []).map((r) => r.files || []));
      const file = all.find((f) => f.name === name);
      if (file) followLink(file.url);
      renderReport();
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  }

  $("new-revision").addEventListener("click", async () => {
    try {
      const response = await request(callPath("/report/revisions"), { method: "POST" });
      const body = await response.json().catch(() => ({}));
      $("report-message").textContent = response.status === 202 ? t().revisionRequested(body.revision)
        : response.status === 409 ? (language === "vi" ? body.detail : body.detailEn) || t().revisionBeforeDeadline
          : response.status === 404 || response.status === 405 ? t().revisionUnavailable : t().failed;
      loadReport();
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  });

  // ---- Start ------------------------------------------------------------------------------------
  $("call-select").addEventListener("change", (event) => {
    state.callId = event.target.value;
    state.filters = {};
    loadCall();
  });
  $("language").addEventListener("click", () => {
    language = language === "vi" ? "en" : "vi";
    localStorage.setItem("proposal-language", language);
    renderAll();
  });

  (async function init() {
    renderAll();
    await start(); // with the stored key, or the Entra ID session cookie, or neither: /api/staff/me decides
  })();
})();
