using System.Globalization;
using System.Text.Json.Nodes;
using Proposals.Domain.Classification;
using Proposals.Domain.Text;
using Proposals.Pipeline.Submissions;

namespace Proposals.Bench;

/// <summary>One duplicate the generator planted: the row <paramref name="Row"/> of agency <paramref name="Agency"/> copies a row of another agency.</summary>
/// <param name="Kind"><c>tax-code</c> (the other row's tax code, its own task name) or <c>similar-name</c> (the other row's task name with one word changed, its own tax code).</param>
internal sealed record PlantedDuplicate(string Kind, int Agency, int Row, int SourceAgency, int SourceRow);

/// <summary>
/// The country as the national view sees it (issue 24): one agency per provincial unit of the 2025 list, each with
/// a call of its own in one programme, its rows classified as the pipeline leaves them. Unlike
/// <see cref="SyntheticCall"/>'s names, which differ only in a number and so are "similar" to thousands of others
/// under the duplicate rule, each task name here is drawn from independent lists (action × method × stage ×
/// purpose × product, with a brand, a commune and the enterprise's province), so two random rows share about a
/// tenth of their words. Into that, known cross-agency duplicates are planted: about 0.5 % of rows take another
/// agency's row's tax code, and about 0.5 % another agency's row's task name with one word changed.
/// </summary>
internal sealed class NationalCall
{
    public const string ProgrammeId = "bench-nsclq";

    private static readonly string[] Actions =
    [
        "Ứng dụng", "Áp dụng", "Triển khai", "Xây dựng và áp dụng", "Nghiên cứu ứng dụng", "Hoàn thiện", "Đổi mới", "Chuẩn hóa", "Thí điểm",
        "Nhân rộng", "Cải tiến", "Tích hợp", "Phát triển", "Chuyển giao", "Làm chủ", "Đánh giá và áp dụng", "Hỗ trợ vận hành", "Số hóa",
        "Thiết lập", "Vận hành thử",
    ];

    private static readonly string[] Methods =
    [
        "hệ thống quản lý chất lượng ISO 9001", "hệ thống quản lý môi trường ISO 14001", "hệ thống quản lý năng lượng ISO 50001",
        "hệ thống an toàn thực phẩm ISO 22000", "kế hoạch HACCP", "thực hành sản xuất tốt GMP", "công cụ 5S", "phương pháp Kaizen",
        "sản xuất tinh gọn Lean", "phương pháp Six Sigma", "bảo trì năng suất toàn diện TPM", "quản lý chất lượng toàn diện TQM",
        "truy xuất nguồn gốc bằng mã QR", "phần mềm điều hành sản xuất MES", "phần mềm hoạch định nguồn lực ERP", "cảm biến IoT giám sát máy",
        "thị giác máy kiểm tra ngoại quan", "trí tuệ nhân tạo dự báo đơn hàng", "cánh tay robot gắp đặt", "công nghệ sấy bơm nhiệt",
        "công nghệ in ba chiều", "thẻ điểm cân bằng BSC", "bộ chỉ số hiệu suất KPI", "mô hình kinh tế tuần hoàn",
        "kiểm soát quá trình bằng thống kê SPC", "phân tích sai lỗi FMEA", "chuẩn đối sánh benchmarking", "quản lý tri thức nội bộ",
        "hệ thống quản lý an toàn ISO 45001", "tiêu chuẩn VietGAP", "tiêu chuẩn GlobalG.A.P.", "quản lý phòng thí nghiệm ISO 17025",
        "mô hình nhà máy thông minh", "bản sao số của dây chuyền",
    ];

    private static readonly string[] Stages =
    [
        "ở khâu tiếp nhận nguyên liệu", "trong công đoạn sơ chế", "ở xưởng gia công cắt gọt", "tại phân xưởng lắp ráp", "cho dây chuyền đóng gói",
        "trong kho thành phẩm", "trong chuỗi cung ứng đầu vào", "cho phòng kiểm nghiệm", "ở tổ bảo dưỡng thiết bị", "trong quản trị nhân sự",
        "ở bộ phận bán hàng", "cho hệ thống lò hơi", "tại trạm xử lý nước thải", "ở khâu phối trộn", "trong công đoạn nhuộm hoàn tất",
        "ở dây chuyền chiết rót", "trong lò nung", "ở khâu sấy khô", "tại khu cấp đông", "trong quy trình hàn", "ở bộ phận thiết kế mẫu",
        "cho đội xe vận chuyển", "trong khâu kiểm tra cuối", "ở xưởng sơn tĩnh điện", "trong công đoạn ép phun", "tại khu ươm giống",
        "ở nhà kính trồng rau", "trong khâu lên men", "ở bộ phận mua hàng", "trong khâu in bao bì", "ở trạm khí nén", "trong khâu đúc rót",
        "tại xưởng may mẫu", "ở khâu phân loại", "trong khu chăn nuôi", "ở khâu tẩy rửa", "cho hệ thống làm lạnh", "tại bến xuất hàng",
        "ở phòng điều độ", "trong khâu nghiền sàng",
    ];

    private static readonly string[] Purposes =
    [
        "nhằm giảm tỷ lệ phế phẩm", "để tiết kiệm điện năng", "hướng tới xuất khẩu sang Nhật Bản", "đáp ứng thị trường châu Âu",
        "rút ngắn thời gian giao hàng", "giảm chi phí tồn kho", "tăng năng suất lao động", "bảo đảm an toàn vệ sinh", "giảm phát thải khí nhà kính",
        "nâng tỷ lệ đạt ngay lần đầu", "giảm thời gian dừng máy", "mở rộng kênh phân phối", "đạt chứng nhận hữu cơ",
        "tham gia chuỗi cung ứng toàn cầu", "ổn định độ đồng đều", "giảm tiêu hao nguyên liệu", "cải thiện điều kiện làm việc",
        "xây dựng thương hiệu riêng", "đáp ứng quy chuẩn QCVN", "tăng giá trị gia tăng", "giảm khiếu nại khách hàng", "tận dụng phụ phẩm",
        "bảo vệ nguồn nước", "đạt sao OCOP", "giảm lượng nước sử dụng", "vào được siêu thị lớn", "kéo dài hạn sử dụng", "giảm tai nạn lao động",
        "đáp ứng đơn hàng Hoa Kỳ", "thay thế hàng nhập khẩu", "giảm tiếng ồn bụi", "nâng hiệu suất thiết bị tổng thể",
    ];

    private static readonly (string Trade, string[] Products)[] Trades =
    [
        ("cơ khí chính xác", ["phụ tùng ô tô", "khuôn mẫu thép", "bulông cường độ cao", "bánh răng công nghiệp", "van thủy lực", "trục truyền động", "dụng cụ cắt", "linh kiện xe máy", "kết cấu thép", "máy nông nghiệp cỡ nhỏ"]),
        ("đóng tàu", ["tàu cá vỏ thép", "sà lan chở hàng", "tàu du lịch", "phao neo", "chân vịt tàu", "vỏ tàu composite", "tời neo", "ca nô cứu hộ", "ụ nổi sửa chữa", "xuồng nhôm"]),
        ("dệt may", ["áo sơ mi", "vải denim", "sợi cotton chải kỹ", "đồ bảo hộ lao động", "khăn bông", "quần áo trẻ em", "vải lụa tơ tằm", "ba lô túi xách", "tất chân", "áo khoác gió"]),
        ("chế biến thủy sản", ["tôm đông lạnh", "cá tra phi lê", "nước mắm truyền thống", "mực khô", "chả cá", "cá ngừ đóng hộp", "bột cá", "nghêu luộc cấp đông", "rong biển sấy", "cua lột"]),
        ("điện tử", ["bảng mạch in", "bộ sạc điện thoại", "đèn LED chiếu sáng", "công tơ điện tử", "camera giám sát", "linh kiện cảm biến", "bộ điều khiển lập trình", "dây cáp tín hiệu", "biến tần", "ổ cắm thông minh"]),
        ("nhựa và bao bì", ["màng nhựa sinh học", "thùng carton", "chai PET", "túi giấy kraft", "ống nhựa HDPE", "bao bì thực phẩm", "pallet nhựa", "hộp xốp", "nắp chai", "tem nhãn"]),
        ("gỗ mỹ nghệ", ["bàn ghế ngoài trời", "ván ép", "đồ gỗ nội thất", "tượng gỗ mỹ nghệ", "sàn gỗ kỹ thuật", "đồ mây tre đan", "tủ bếp", "viên nén mùn cưa", "khung cửa", "đồ chơi gỗ"]),
        ("dược phẩm", ["viên nang thảo dược", "cao dược liệu", "thực phẩm bảo vệ sức khỏe", "thuốc tiêm", "trà túi lọc", "tinh dầu quế", "siro ho", "vắc xin thú y", "dầu gió", "nước súc miệng"]),
        ("thực phẩm sạch", ["gạo thơm", "cà phê rang xay", "chè búp khô", "mật ong rừng", "rau thủy canh", "nước ép trái cây", "bánh tráng", "hạt điều rang muối", "sữa hạt", "nấm linh chi"]),
        ("vật liệu xây dựng", ["gạch không nung", "xi măng", "bê tông đúc sẵn", "ngói màu", "kính cường lực", "sơn nước", "đá ốp lát", "thép cuộn", "tấm thạch cao", "keo dán gạch"]),
    ];

    private static readonly string[] Syllables =
    [
        "An", "Bảo", "Bình", "Cát", "Châu", "Đại", "Đông", "Gia", "Hà", "Hải", "Hòa", "Hoàng", "Hưng", "Khang", "Kim", "Lạc", "Long", "Mai",
        "Minh", "Nam", "Ngọc", "Nhật", "Phát", "Phú", "Phúc", "Quang", "Sơn", "Tân", "Thái", "Thành", "Thịnh", "Tiến", "Trường", "Việt", "Vinh", "Xuân",
    ];

    private static readonly string[] Communes =
    [
        "Tân Lập", "Hòa Bình", "Đông Hưng", "Phú Mỹ", "Bình Minh", "An Khánh", "Thạch Thất", "Quế Võ", "Đức Hòa", "Long Thành", "Cẩm Phả",
        "Yên Phong", "Thuận An", "Tam Điệp", "Kim Bảng", "Văn Lâm", "Cai Lậy", "Mỹ Hào", "Ninh Hòa", "Cam Lâm", "Diên Khánh", "Hòa Vang",
        "Điện Bàn", "Krông Pắc", "Bảo Lộc", "Đức Trọng", "Châu Thành", "Tịnh Biên", "Trảng Bom", "Củ Chi", "Hóc Môn", "Sóc Sơn", "Gia Lâm",
        "Thủy Nguyên", "An Lão", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Hải Hậu", "Giao Thủy",
    ];

    private static readonly string[] Kinds = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã", "Công ty TNHH MTV"];

    /// <summary>One-syllable words a copied task name takes in place of one of its own.</summary>
    private static readonly string[] Replacements = ["mới", "xanh", "sạch", "gọn", "chuẩn", "nhanh", "bền", "tốt", "thông", "đồng"];

    private readonly ProvinceDirectory _provinces = ProvinceDirectory.Load("provinces-2025");
    private readonly Dictionary<(int Agency, int Row), PlantedDuplicate> _planted = [];

    public NationalCall(int agencies, int perAgency)
    {
        if (agencies < 2 || agencies > _provinces.Provinces.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(agencies), $"2 to {_provinces.Provinces.Count} agencies, one per provincial unit.");
        }

        Agencies = agencies;
        PerAgency = perAgency;
        // Planted rows come from the first half of each call, their sources from the second half, so no source is itself
        // planted and each planted row makes exactly one cross-agency pair.
        var random = new Random(24);
        var each = Math.Max(1, (int)Math.Round(perAgency * 0.005));
        for (var a = 0; a < agencies; a++)
        {
            foreach (var kind in new[] { "tax-code", "similar-name" })
            {
                for (var k = 0; k < each; k++)
                {
                    int row;
                    do
                    {
                        row = random.Next(perAgency / 2);
                    }
                    while (_planted.ContainsKey((a, row)));

                    var source = (a + 1 + random.Next(agencies - 1)) % agencies;
                    _planted[(a, row)] = new PlantedDuplicate(kind, a, row, source, perAgency / 2 + random.Next(perAgency - perAgency / 2));
                }
            }
        }
    }

    public int Agencies { get; }

    public int PerAgency { get; }

    public IReadOnlyCollection<PlantedDuplicate> Planted => _planted.Values;

    public static string AgencyId(int a) => string.Create(CultureInfo.InvariantCulture, $"bench-p{a + 1:D2}");

    public static string CallId(int a) => string.Create(CultureInfo.InvariantCulture, $"bench-nat-{a + 1:D2}");

    public static string ReceiptPrefix(int a) => string.Create(CultureInfo.InvariantCulture, $"QG{a + 1:D2}");

    /// <summary>Agency <paramref name="a"/>'s tax codes start here: every agency's enterprises are others.</summary>
    public static int TaxCodeOffset(int a) => (a + 1) * 1_000_000;

    private Province ProvinceOf(int a) => _provinces.Provinces[a];

    /// <summary>Row <paramref name="i"/> of agency <paramref name="a"/>'s call, planted duplicates included.</summary>
    public SubmissionRecord Row(int a, int i) => Row(CallId(a), ReceiptPrefix(a), a, i, TaxCodeOffset(a), _planted.GetValueOrDefault((a, i)));

    /// <summary>Row <paramref name="i"/> of agency <paramref name="a"/> as it would be without a planted duplicate.</summary>
    private SubmissionRecord Unplanted(int a, int i) => Row(CallId(a), ReceiptPrefix(a), a, i, TaxCodeOffset(a), null);

    /// <summary>A row of a single call of any size, in this generator's words (no duplicates planted).</summary>
    public SubmissionRecord SingleCallRow(string callId, string receiptPrefix, int i) => Row(callId, receiptPrefix, i % Agencies, i, 50_000_000, null);

    private SubmissionRecord Row(string callId, string receiptPrefix, int a, int i, int taxCodeOffset, PlantedDuplicate? planted)
    {
        var row = SyntheticCall.Row(callId, receiptPrefix, i, taxCodeOffset);
        var random = new Random(unchecked((a * 1_000_003) + i)); // the same row every time it is asked for
        var province = random.Next(10) == 0 ? _provinces.Provinces[random.Next(_provinces.Provinces.Count)] : ProvinceOf(a);
        var region = _provinces.RegionOf(province);
        var (trade, products) = Trades[random.Next(Trades.Length)];
        var product = Pick(random, products);
        var brand = $"{Pick(random, Syllables)} {Pick(random, Syllables)} {Pick(random, Syllables)}";
        row.Province = (province.Kind == "city" ? "Thành phố " : "Tỉnh ") + province.Name;
        row.RegionId = region.Id;
        row.RegionName = region.Name;
        row.EnterpriseName = $"{Pick(random, Kinds)} {brand} {CultureInfo.GetCultureInfo("vi-VN").TextInfo.ToTitleCase(trade)}";
        row.TaskName = $"{Pick(random, Actions)} {Pick(random, Methods)} {Pick(random, Stages)} {Pick(random, Purposes)} cho {product} {brand}, {Pick(random, Communes)}, {province.Name}";
        if (planted is { Kind: "tax-code" })
        {
            row.TaxCode = Row(planted.SourceAgency, planted.SourceRow).TaxCode;
        }
        else if (planted is { Kind: "similar-name" })
        {
            row.TaskName = OneWordChanged(Row(planted.SourceAgency, planted.SourceRow).TaskName, random);
        }

        return row;
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    /// <summary>The name with one of its words (letters only) replaced by a word it does not contain.</summary>
    private static string OneWordChanged(string name, Random random)
    {
        var words = name.Split(' ');
        var folded = words.Select(VietnameseText.FoldedWords).ToHashSet(StringComparer.Ordinal);
        var candidates = Enumerable.Range(0, words.Length).Where(w => words[w].All(char.IsLetter)).ToList();
        var at = candidates[random.Next(candidates.Count)];
        words[at] = Replacements.First(r => !folded.Contains(VietnameseText.FoldedWords(r)) && r != words[at]);
        return string.Join(' ', words);
    }

    /// <summary>
    /// The folder of call files the host reads (<c>CallFiles:Directory</c>): an agency file and a call file per
    /// agency, made from the shipped Đà Nẵng ones, and the programme over all the calls. The calls are open (the
    /// deadline months away), so the closeout leaves them alone while the view is measured.
    /// </summary>
    public void WriteCallFiles(string repositoryRoot, string directory)
    {
        var shipped = Path.Combine(repositoryRoot, "calls");
        Directory.CreateDirectory(Path.Combine(directory, "agencies"));
        Directory.CreateDirectory(Path.Combine(directory, "programmes"));
        var agencyTemplate = File.ReadAllText(Path.Combine(shipped, "agencies", "danang.json"));
        var callTemplate = File.ReadAllText(Path.Combine(shipped, "danang-2028.json"));
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        for (var a = 0; a < Agencies; a++)
        {
            var province = ProvinceOf(a);
            var unit = (province.Kind == "city" ? "thành phố " : "tỉnh ") + province.Name;
            var agency = JsonNode.Parse(agencyTemplate)!.AsObject();
            agency["id"] = AgencyId(a);
            agency["name"] = "Sở Khoa học và Công nghệ " + unit;
            agency["nameEn"] = province.Name + " Department of Science and Technology (bench)";
            agency["parent"] = "Ủy ban nhân dân " + unit;
            agency["province"] = province.Name;
            agency["inboundAddress"] = AgencyId(a) + "@dexuat.localhost";
            agency["report"]!["issuerParent"] = "UBND " + unit;
            File.WriteAllText(Path.Combine(directory, "agencies", AgencyId(a) + ".json"), agency.ToJsonString());

            var call = JsonNode.Parse(callTemplate)!.AsObject();
            call["id"] = CallId(a);
            call["agency"] = AgencyId(a);
            call["title"] = $"Đề xuất nhiệm vụ năm 2028 của {unit} (bench)";
            call["receiptPrefix"] = ReceiptPrefix(a);
            call["province"] = province.Name;
            call["opensAt"] = now.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            call["deadline"] = now.AddDays(120).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            call["privacyNotice"]!["controller"] = "Sở Khoa học và Công nghệ " + unit;
            call["staffEmails"] = new JsonArray(JsonValue.Create(AgencyId(a) + "@bench.local"));
            File.WriteAllText(Path.Combine(directory, CallId(a) + ".json"), call.ToJsonString());
        }

        var programme = new JsonObject
        {
            ["id"] = ProgrammeId,
            ["title"] = "Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng (bench): nhiệm vụ bắt đầu từ năm 2028",
            ["titleEn"] = "National productivity and quality programme (bench), tasks starting in 2028",
            ["year"] = 2028,
            ["calls"] = new JsonArray([.. Enumerable.Range(0, Agencies).Select(a => (JsonNode?)JsonValue.Create(CallId(a)))]),
        };
        File.WriteAllText(Path.Combine(directory, "programmes", ProgrammeId + ".json"), programme.ToJsonString());
    }

    /// <summary>
    /// The share of words in common (Jaccard, folded) of <paramref name="pairs"/> random pairs of rows of two
    /// different agencies, as generated before any duplicate is planted, and how many of them the duplicate rule calls
    /// similar: the names' diversity, measured.
    /// </summary>
    public (double MedianWordShare, double MaxWordShare, int Similar) SampleSimilarity(int pairs)
    {
        var random = new Random(7);
        var shares = new List<double>(pairs);
        var similar = 0;
        for (var p = 0; p < pairs; p++)
        {
            var a = random.Next(Agencies);
            var b = (a + 1 + random.Next(Agencies - 1)) % Agencies;
            var x = DuplicateRules.TaskNameKey(Unplanted(a, random.Next(PerAgency)).TaskName);
            var y = DuplicateRules.TaskNameKey(Unplanted(b, random.Next(PerAgency)).TaskName);
            var wx = x.Split(' ').ToHashSet(StringComparer.Ordinal);
            var wy = y.Split(' ').ToHashSet(StringComparer.Ordinal);
            var common = wx.Count(wy.Contains);
            shares.Add((double)common / (wx.Count + wy.Count - common));
            similar += DuplicateRules.AreSimilar(x, y) ? 1 : 0;
        }

        return (LatencyStats.Median(shares), shares.Max(), similar);
    }
}
