#!/usr/bin/env bash
# Posts a complete sample proposal to the local host's demo call, as the web form would.
# Usage: docs/samples/submit-demo.sh [base-url] [call-id]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:7071}"
call="${2:-demo}"
curl -sS -X POST "$base/api/calls/$call/submissions" \
  -H "Idempotency-Key: sample-$(date +%s%N)" \
  -F "enterpriseName=Công ty TNHH Cơ khí Chính xác Hải Phòng" \
  -F "taxCode=0200 123 457" \
  -F "address=Số 240 Văn Cao, phường Đằng Giang, quận Ngô Quyền" \
  -F "province=Thành phố Hải Phòng" \
  -F "legalRepresentative=Nguyễn Văn An" \
  -F "contactName=Trần Thị Bình" \
  -F "contactEmail=binh.tran@cokhi-hp.vn" \
  -F "contactPhone=0904 577 972" \
  -F "vsicSection=C" \
  -F "vsicCode=2592" \
  -F "employees=85" \
  -F "annualRevenueVnd=45.000.000.000" \
  -F "totalCapitalVnd=18000000000" \
  -F "taskName=Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí chính xác" \
  -F "taskType=pilotProduction" \
  -F "priorityArea=2" \
  -F "objectives=Nâng năng suất lao động 20% và giảm 30% phế phẩm trong 24 tháng." \
  -F "urgency=Ngành cơ khí chính xác là ngành chủ lực của thành phố; năng suất còn thấp so với khu vực." \
  -F "contentsAndResults=Khảo sát hiện trạng; đào tạo Lean/TPM; áp dụng thí điểm tại 2 xưởng; mô hình điểm để nhân rộng." \
  -F "application=Các doanh nghiệp cơ khí trên địa bàn Hải Phòng và vùng Đồng bằng sông Hồng." \
  -F "expectedBenefits=Tăng năng suất, giảm chi phí, mô hình nhân rộng cho 10 doanh nghiệp." \
  -F "durationMonths=24" \
  -F "startMonth=2024-07" \
  -F "origin=Kết quả dự án cải tiến nội bộ 2021-2022." \
  -F "coFunding=Doanh nghiệp đối ứng 40% kinh phí." \
  -F "signedScan=@$here/signed-scan.pdf;type=application/pdf" \
  -F "editableForm=@$here/editable-form.docx;type=application/vnd.openxmlformats-officedocument.wordprocessingml.document"
echo
