using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>One Azurite for every test of this assembly; each class runs a local host of its own over it.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
