using System.ComponentModel.DataAnnotations;

namespace Proposals.Domain.Calls;

/// <summary>
/// A national programme's round (e.g. the 1322/QĐ-TTg programme's tasks starting in 2028), as a file in
/// <c>calls/programmes/</c> describes it: the calls of the agencies that feed it. The Ministry's national view
/// counts across them.
/// </summary>
public sealed class ProgrammeDefinition
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Title { get; set; } = string.Empty;

    public string? TitleEn { get; set; }

    [Range(2000, 2100)]
    public int Year { get; set; }

    /// <summary>The ids of the calls that feed the programme, one or more per agency.</summary>
    [MinLength(1)]
    public List<string> Calls { get; set; } = [];
}
