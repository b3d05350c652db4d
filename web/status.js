// The submitter's status page, linked from the receipt and the receipt email.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  // The API's origin (config.js); empty means this page's own origin.
  const api = ((window.proposalsConfig && window.proposalsConfig.apiBaseUrl) || "").replace(/\/+$/, "");
  const section = document.getElementById("status");
  const id = params.get("submission");
  const token = params.get("token");
  if (!id || !token) {
    section.textContent = "Đường dẫn tra cứu không đầy đủ.";
    return;
  }
  fetch(api + "/api/submissions/" + encodeURIComponent(id) + "?token=" + encodeURIComponent(token))
    .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
    .then(({ ok, body }) => {
      section.replaceChildren();
      if (!ok) {
        section.textContent = body.title + ": " + body.detail;
        return;
      }
      const list = document.createElement("dl");
      for (const [term, value] of [["Số tiếp nhận", body.receiptNumber], ["Tình trạng", body.statusVi],
        ["Thời điểm nhận", body.receivedAtVietnam], ["Doanh nghiệp", body.enterpriseName], ["Nhiệm vụ", body.taskName],
        ["Đợt tiếp nhận", body.callTitle]]) {
        const dt = document.createElement("dt");
        dt.textContent = term;
        const dd = document.createElement("dd");
        dd.textContent = value;
        list.append(dt, dd);
      }
      section.appendChild(list);
      if (body.reasons && body.reasons.length) {
        const heading = document.createElement("p");
        heading.textContent = "Hồ sơ chưa hợp lệ; cần sửa và gửi lại trước hạn:";
        const reasons = document.createElement("ul");
        for (const reason of body.reasons) {
          const item = document.createElement("li");
          item.textContent = reason.vi + " (" + reason.en + ")";
          reasons.appendChild(item);
        }
        section.append(heading, reasons);
      }
    })
    .catch(() => { section.textContent = "Không tải được tình trạng hồ sơ; vui lòng thử lại."; });
})();
