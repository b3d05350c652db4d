using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Proposals.Domain.Calls;
using Proposals.Domain.Validation;

namespace Proposals.Functions.Http;

/// <summary>
/// RFC 9457 problem details, Vietnamese first (<c>title</c>, <c>detail</c>) with English beside them
/// (<c>titleEn</c>, <c>detailEn</c>) and per-field errors. The <c>type</c> values are stable and listed
/// in the README.
/// </summary>
public static class Problems
{
    public static ObjectResult Create(
        HttpRequest request, int status, string type, string titleVi, string titleEn, string detailVi, string detailEn,
        IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = "/problems/" + type,
            Status = status,
            Title = titleVi,
            Detail = detailVi,
            Instance = request.Path.Value,
        };
        problem.Extensions["titleEn"] = titleEn;
        problem.Extensions["detailEn"] = detailEn;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.Select(e => new { field = e.Field, vi = e.Vi, en = e.En }).ToList();
        }

        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }

    public static ObjectResult Validation(HttpRequest request, IReadOnlyList<FieldError> errors) => Create(
        request, StatusCodes.Status400BadRequest, "validation",
        "Hồ sơ chưa hợp lệ", "The submission is not valid",
        "Vui lòng sửa các trường được nêu rồi gửi lại. Chưa có gì được lưu.",
        "Please correct the listed fields and send again. Nothing was stored.", errors);

    public static ObjectResult UnsupportedDocument(HttpRequest request, IReadOnlyList<FieldError> errors) => Create(
        request, StatusCodes.Status415UnsupportedMediaType, "unsupported-document",
        "Tệp đính kèm không đúng loại", "An attached file is of the wrong type",
        "Bản quét phải là PDF và phiếu đề xuất phải là tệp Word .docx. Chưa có gì được lưu.",
        "The signed scan must be a PDF and the editable form a Word .docx file. Nothing was stored.", errors);

    public static ObjectResult TooLarge(HttpRequest request, long limitBytes, IReadOnlyList<FieldError>? errors = null) => Create(
        request, StatusCodes.Status413PayloadTooLarge, "too-large",
        "Dữ liệu gửi lên quá lớn", "The upload is too large",
        $"Tổng dung lượng tối đa là {limitBytes / 1024 / 1024} MB. Chưa có gì được lưu.",
        $"The most accepted is {limitBytes / 1024 / 1024} MB in all. Nothing was stored.", errors);

    public static ObjectResult CallNotFound(HttpRequest request, string callId) => Create(
        request, StatusCodes.Status404NotFound, "call-not-found",
        "Không tìm thấy đợt tiếp nhận", "Call not found",
        $"Không có đợt tiếp nhận đề xuất \"{callId}\".", $"There is no call for proposals \"{callId}\".");

    public static ObjectResult CallClosed(HttpRequest request, CallDefinition call) => Create(
        request, StatusCodes.Status422UnprocessableEntity, "call-closed",
        "Đã hết hạn tiếp nhận", "The call is closed",
        $"Đợt tiếp nhận \"{call.Title}\" đã kết thúc lúc {VietnamTime.FormatVi(call.DeadlineInstant)}; hồ sơ không được lưu.",
        $"The call closed at {VietnamTime.FormatEn(call.DeadlineInstant)}; the submission was not stored.");

    public static ObjectResult CallStillOpen(HttpRequest request, CallDefinition call) => Create(
        request, StatusCodes.Status409Conflict, "call-still-open",
        "Đợt tiếp nhận chưa kết thúc", "The call is still open",
        $"Báo cáo chỉ được lập sau hạn tiếp nhận {VietnamTime.FormatVi(call.DeadlineInstant)}.",
        $"A report can only be produced after the deadline, {VietnamTime.FormatEn(call.DeadlineInstant)}.");

    public static ObjectResult CallNotYetOpen(HttpRequest request, CallDefinition call) => Create(
        request, StatusCodes.Status422UnprocessableEntity, "call-not-open",
        "Chưa đến thời gian tiếp nhận", "The call is not open yet",
        $"Đợt tiếp nhận mở từ {VietnamTime.FormatVi(call.OpensAt!.Value)}.",
        $"The call opens at {VietnamTime.FormatEn(call.OpensAt!.Value)}.");

    public static ObjectResult DuplicateInFlight(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "2";
        return Create(request, StatusCodes.Status409Conflict, "in-progress",
            "Hồ sơ đang được gửi", "The submission is being processed",
            "Một yêu cầu với cùng mã Idempotency-Key đang được xử lý; hãy thử lại sau vài giây.",
            "A request with the same Idempotency-Key is in progress; retry in a few seconds.");
    }

    public static ObjectResult SubmissionNotFound(HttpRequest request) => Create(
        request, StatusCodes.Status404NotFound, "submission-not-found",
        "Không tìm thấy hồ sơ", "Submission not found",
        "Mã hồ sơ hoặc mã tra cứu không đúng.", "The submission id or tracking token is wrong.");

    public static ObjectResult RouteNotFound(HttpRequest request) => Create(
        request, StatusCodes.Status404NotFound, "not-found",
        "Không tìm thấy trang", "Not found",
        "Địa chỉ này không có trang hoặc chức năng nào.", "There is no page or function at this address.");

    /// <param name="signInUrl">Where a browser signs in (App Service Authentication), when that is how staff sign in.</param>
    public static ObjectResult Unauthenticated(HttpRequest request, string? signInUrl = null)
    {
        var result = Create(
            request, StatusCodes.Status401Unauthorized, "unauthenticated",
            "Cần đăng nhập", "Sign-in required",
            "Chức năng này chỉ dành cho cán bộ tiếp nhận.", "This is for the call's staff only.");
        if (signInUrl is not null)
        {
            ((ProblemDetails)result.Value!).Extensions["signInUrl"] = signInUrl;
        }

        return result;
    }

    /// <param name="signOutUrl">Where the signed-in account signs out, to sign in with another one.</param>
    /// <summary>403: the national view, asked by staff of one agency.</summary>
    public static ObjectResult MinistryOnly(HttpRequest request) => Create(
        request, StatusCodes.Status403Forbidden, "ministry-only",
        "Chỉ dành cho Bộ Khoa học và Công nghệ", "For the Ministry only",
        "Số liệu toàn quốc của chương trình chỉ dành cho vai trò Bộ (Ministry) hoặc cán bộ quản trị chung.",
        "The programme's national figures are for the Ministry role (or staff of every agency) only.");

    /// <summary>404: no programme file with that id.</summary>
    public static ObjectResult ProgrammeNotFound(HttpRequest request, string programmeId) => Create(
        request, StatusCodes.Status404NotFound, "programme-not-found",
        "Không tìm thấy chương trình", "Programme not found",
        $"Không có chương trình \"{programmeId}\".", $"There is no programme \"{programmeId}\".");

    /// <summary>403: a route over every call (a person's data, unmatched emails), asked by staff of one agency or the Ministry.</summary>
    public static ObjectResult NotEveryAgency(HttpRequest request) => Create(
        request, StatusCodes.Status403Forbidden, "every-agency-only",
        "Chỉ dành cho cán bộ quản trị chung", "For staff of every agency only",
        "Thao tác này đọc dữ liệu của mọi đợt tiếp nhận, nên chỉ khóa (hoặc vai trò) dùng cho mọi đơn vị mới được thực hiện.",
        "This reads the data of every call, so only a key (or role) for every agency may do it.");

    public static ObjectResult Forbidden(HttpRequest request, string? signOutUrl = null)
    {
        var result = Create(
            request, StatusCodes.Status403Forbidden, "forbidden",
            "Không có quyền truy cập", "Access denied",
            "Thông tin đăng nhập không có quyền cán bộ.", "These credentials do not carry the staff role.");
        if (signOutUrl is not null)
        {
            ((ProblemDetails)result.Value!).Extensions["signOutUrl"] = signOutUrl;
        }

        return result;
    }

    /// <summary>403: a state-changing staff request that did not come from the console's own pages (CSRF).</summary>
    public static ObjectResult CrossSiteRequest(HttpRequest request) => Create(
        request, StatusCodes.Status403Forbidden, "cross-site-request",
        "Yêu cầu không đến từ trang cán bộ", "The request did not come from the staff console",
        "Thao tác của cán bộ chỉ được gửi từ chính trang cán bộ của hệ thống. Chưa có gì được lưu.",
        "Staff actions are accepted only from the system's own staff console. Nothing was stored.");

    /// <summary>415: a staff action whose body is not JSON (or, for paper entry, multipart form data).</summary>
    public static ObjectResult UnsupportedContentType(HttpRequest request) => Create(
        request, StatusCodes.Status415UnsupportedMediaType, "unsupported-content-type",
        "Kiểu dữ liệu không được nhận", "Unsupported content type",
        "Thao tác của cán bộ phải gửi dữ liệu dạng application/json (hoặc multipart/form-data khi nhập hồ sơ bản giấy). Chưa có gì được lưu.",
        "Staff actions must send application/json (or multipart/form-data when entering a paper proposal). Nothing was stored.");

    /// <summary>503: staff sign-in is configured to trust App Service Authentication, but the platform says it is off.</summary>
    public static ObjectResult StaffSignInUnavailable(HttpRequest request) => Create(
        request, StatusCodes.Status503ServiceUnavailable, "staff-sign-in-unavailable",
        "Đăng nhập cán bộ đang tắt", "Staff sign-in is off",
        "Xác thực của App Service không bật cho ứng dụng, nên không thể nhận biết cán bộ. Hãy báo quản trị hệ thống.",
        "App Service Authentication is not on for this app, so staff cannot be recognised. Tell the operator.");

    public static ObjectResult TooManyRequests(HttpRequest request, int retryAfterSeconds)
    {
        request.HttpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(request, StatusCodes.Status429TooManyRequests, "too-many-requests",
            "Quá nhiều yêu cầu", "Too many requests",
            $"Có quá nhiều yêu cầu từ địa chỉ của bạn; vui lòng thử lại sau {retryAfterSeconds} giây. Chưa có gì được lưu.",
            $"Too many requests from your address; please try again in {retryAfterSeconds} seconds. Nothing was stored.");
    }

    public static ObjectResult ReplaceForbidden(HttpRequest request) => Create(
        request, StatusCodes.Status403Forbidden, "replace-forbidden",
        "Không thể thay hồ sơ này", "This submission cannot be replaced",
        "Mã tra cứu không khớp với hồ sơ cần thay. Chỉ doanh nghiệp đã nộp hồ sơ (có đường dẫn tra cứu của nó) mới nộp được bản sửa. Chưa có gì được lưu.",
        "The tracking token does not match the submission to replace. Only the enterprise that sent it (holding its tracking link) can send a revised version. Nothing was stored.");

    public static ObjectResult ReplacedNotFound(HttpRequest request) => Create(
        request, StatusCodes.Status404NotFound, "replaced-not-found",
        "Không tìm thấy hồ sơ cần thay", "The submission to replace was not found",
        "Không có hồ sơ nào với mã này trong đợt tiếp nhận; hãy mở lại đường dẫn tra cứu trong thư xác nhận rồi bấm \"Nộp bản sửa\". Chưa có gì được lưu.",
        "There is no submission with this id in the call; open the tracking link from the receipt email again and choose \"Submit a revised version\". Nothing was stored.");

    public static ObjectResult AlreadyReplaced(HttpRequest request, string receiptNumber, string replacedBy) => Create(
        request, StatusCodes.Status409Conflict, "already-replaced",
        "Hồ sơ đã được thay", "Already replaced",
        $"Hồ sơ {receiptNumber} đã được thay bằng hồ sơ {replacedBy}; hãy nộp bản sửa từ đường dẫn tra cứu của hồ sơ {replacedBy}. Chưa có gì được lưu.",
        $"Submission {receiptNumber} was already replaced by {replacedBy}; send a revised version from the tracking link of {replacedBy}. Nothing was stored.");

    public static ObjectResult IdempotencyKeyReused(HttpRequest request) => Create(
        request, StatusCodes.Status409Conflict, "idempotency-key-reused",
        "Mã Idempotency-Key đã dùng cho hồ sơ khác", "The Idempotency-Key was used for another submission",
        "Mã Idempotency-Key này đã được dùng để gửi một hồ sơ có nội dung khác; hồ sơ mới cần một mã mới. Chưa có gì được lưu.",
        "This Idempotency-Key was already used to send a submission with different content; a new submission needs a new key. Nothing was stored.");

    public static ObjectResult DocumentBlocked(HttpRequest request) => Create(
        request, StatusCodes.Status403Forbidden, "document-blocked",
        "Tệp chứa mã độc", "The file contains malware",
        "Trình quét mã độc đã phát hiện mã độc trong tệp này; tệp được giữ lại làm bằng chứng nhưng không cho tải về.",
        "The malware scanner found malware in this file; it is kept as evidence but cannot be downloaded.");

    /// <summary>409 with the rejection's reasons: the console asks the staff member to confirm, then confirms with a <c>POST</c> to the same address.</summary>
    public static ObjectResult DocumentNeedsConfirmation(HttpRequest request, IReadOnlyList<FieldError> reasons) => Create(
        request, StatusCodes.Status409Conflict, "confirm-rejected-document",
        "Tệp của hồ sơ bị từ chối", "A file of a rejected submission",
        "Hồ sơ này đã bị từ chối vì các lý do dưới đây. Chỉ mở tệp nếu cần; việc tải sẽ được ghi vào nhật ký.",
        "This submission was rejected for the reasons below. Open the file only if you need to; the download is recorded.", reasons);

    public static ObjectResult NotClassified(HttpRequest request) => Create(
        request, StatusCodes.Status409Conflict, "not-classified",
        "Hồ sơ không được tính vào tổng hợp", "The submission is not counted",
        "Chỉ loại hoặc đưa lại được hồ sơ hợp lệ đã phân loại xong; hồ sơ bị từ chối hay đang xử lý vốn không được tính.",
        "Only a valid, classified submission can be excluded or included; a rejected or unfinished one is not counted anyway.");

    public static ObjectResult NotAwaitingMalwareScan(HttpRequest request) => Create(
        request, StatusCodes.Status409Conflict, "not-awaiting-malware-scan",
        "Hồ sơ không chờ kết quả quét mã độc", "The submission is not waiting for a malware scan",
        "Chỉ xác nhận \"đã quét ở nơi khác\" được cho hồ sơ đang ở trạng thái đã nhận mà còn tệp chưa có kết quả quét.",
        "Only a received submission with a file that has no scan result yet can be released as scanned elsewhere.");

    public static ObjectResult InboundInProgress(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "120";
        return Create(request, StatusCodes.Status503ServiceUnavailable, "inbound-in-progress",
            "Email đang được lưu", "The email is being stored",
            "Một lần gửi khác của email này đang được lưu; hãy gửi lại sau.", "Another delivery of this email is being stored; deliver it again later.");
    }

    public static ObjectResult NotWaitingForStaff(HttpRequest request) => Create(
        request, StatusCodes.Status409Conflict, "not-waiting-for-staff",
        "Hồ sơ không chờ cán bộ hoàn thiện", "The submission is not waiting for staff",
        "Chỉ hồ sơ nhận qua email chưa được chấp nhận mới hoàn thiện hoặc xác định không phải đề xuất được.",
        "Only an emailed submission not yet accepted can be completed, accepted or set aside.");
}
