using Proposals.Pipeline.Intake;

namespace Proposals.Testing;

/// <summary>A submission as the HTTP function hands it to the intake stage.</summary>
public static class Incoming
{
    public static IncomingSubmission Submission(
        string callId,
        Dictionary<string, string>? fields = null,
        byte[]? pdf = null,
        byte[]? docx = null,
        string? idempotencyKey = null,
        string pdfName = "ban-quet.pdf",
        string docxName = "phieu-de-xuat.docx")
    {
        pdf ??= SampleDocuments.Pdf();
        docx ??= SampleDocuments.Docx();
        return new IncomingSubmission(callId, fields ?? SampleProposal.Fields(), new Dictionary<string, IncomingDocument>
        {
            ["signedScan"] = new("signedScan", pdfName, pdf.Length, () => new MemoryStream(pdf)),
            ["editableForm"] = new("editableForm", docxName, docx.Length, () => new MemoryStream(docx)),
        }, idempotencyKey);
    }
}
