namespace Proposals.Domain.Classification;

/// <summary>The reference lists a call was opened under (named in its file): what its answers are checked and classified against.</summary>
public sealed record CallReferenceData(ProvinceDirectory Provinces, VsicDirectory Vsic);
