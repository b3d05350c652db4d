using Proposals.Testing;
using Shouldly;
using Xunit;

namespace Proposals.Pipeline.Tests.Documents;

public class SampleDocumentsTests
{
    [Fact]
    public async Task A_sample_built_twice_is_the_same_bytes_even_across_a_zip_time_tick()
    {
        var first = SampleDocuments.Docx();
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // a ZIP entry's time has 2-second resolution
        SampleDocuments.Docx().ShouldBe(first);
    }
}
