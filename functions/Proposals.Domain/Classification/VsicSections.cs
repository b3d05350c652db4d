namespace Proposals.Domain.Classification;

/// <summary>VSIC 2018 sections (Quyết định 27/2018/QĐ-TTg) and the Nghị định 80/2021 sector group of each.</summary>
public static class VsicSections
{
    public const string Version = "vsic-2018";

    private static readonly Dictionary<char, VsicSection> Sections = new VsicSection[]
    {
        new('A', "Nông nghiệp, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing"),
        new('B', "Khai khoáng", "Mining and quarrying"),
        new('C', "Công nghiệp chế biến, chế tạo", "Manufacturing"),
        new('D', "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí", "Electricity, gas, steam and air conditioning supply"),
        new('E', "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải", "Water supply; sewerage, waste management"),
        new('F', "Xây dựng", "Construction"),
        new('G', "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác", "Wholesale and retail trade; repair of motor vehicles"),
        new('H', "Vận tải kho bãi", "Transportation and storage"),
        new('I', "Dịch vụ lưu trú và ăn uống", "Accommodation and food service activities"),
        new('J', "Thông tin và truyền thông", "Information and communication"),
        new('K', "Hoạt động tài chính, ngân hàng và bảo hiểm", "Financial and insurance activities"),
        new('L', "Hoạt động kinh doanh bất động sản", "Real estate activities"),
        new('M', "Hoạt động chuyên môn, khoa học và công nghệ", "Professional, scientific and technical activities"),
        new('N', "Hoạt động hành chính và dịch vụ hỗ trợ", "Administrative and support service activities"),
        new('O', "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý nhà nước, an ninh quốc phòng; bảo đảm xã hội bắt buộc", "Party, public administration and defence; compulsory social security"),
        new('P', "Giáo dục và đào tạo", "Education"),
        new('Q', "Y tế và hoạt động trợ giúp xã hội", "Human health and social work activities"),
        new('R', "Nghệ thuật, vui chơi và giải trí", "Arts, entertainment and recreation"),
        new('S', "Hoạt động dịch vụ khác", "Other service activities"),
        new('T', "Hoạt động làm thuê các công việc trong các hộ gia đình", "Activities of households as employers"),
        new('U', "Hoạt động của các tổ chức và cơ quan quốc tế", "Activities of extraterritorial organisations"),
    }.ToDictionary(s => s.Letter);

    public static bool TryGet(char letter, out VsicSection section) => Sections.TryGetValue(letter, out section!);

    public static VsicSection Get(char letter) =>
        TryGet(letter, out var section) ? section : throw new ArgumentOutOfRangeException(nameof(letter), letter, "Not a VSIC 2018 section.");
}

public sealed record VsicSection(char Letter, string NameVi, string NameEn)
{
    /// <summary>Sections A–F are agriculture, industry and construction; G onwards trade and services.</summary>
    public SectorGroup Group => Letter <= 'F' ? SectorGroup.AgricultureIndustryConstruction : SectorGroup.TradeAndServices;
}

public enum SectorGroup
{
    AgricultureIndustryConstruction,
    TradeAndServices,
}
