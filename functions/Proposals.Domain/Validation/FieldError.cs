namespace Proposals.Domain.Validation;

/// <summary>One problem with one field, said in Vietnamese and English.</summary>
public sealed record FieldError(string Field, string Vi, string En);
