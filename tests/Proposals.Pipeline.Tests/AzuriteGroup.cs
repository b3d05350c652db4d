using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>One Azurite for every test of this assembly; each test uses a call of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
