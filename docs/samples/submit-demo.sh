#!/usr/bin/env bash
# Posts a complete sample proposal to the local host's demo call, as the web form would. Text goes with
# --form-string: curl's -F would cut a value at its first ";" (it reads ";type=" and the like there).
# Usage: docs/samples/submit-demo.sh [base-url] [call-id]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:7071}"
call="${2:-demo}"
curl -sS -X POST "$base/api/calls/$call/submissions" \
  -H "Idempotency-Key: sample-$(date +%s%N)" \
  --form-string "enterpriseName=Công ty TNHH Cơ khí Chính xác Hải Phòng" \
  --form-string "taxCode=0200 123 457" \
  --form-string "address=Số 240 Văn Cao, phường Đằng Giang, quận Ngô Quyền" \
  --form-string "province=Thành phố Hải Phòng" \
  --form-string "legalRepresentative=Nguyễn Văn An" \
  --form-string "contactName=Trần Thị Bình" \
  --form-string "contactEmail=binh.tran@cokhi-hp.vn" \
  --form-string "contactPhone=0904 577 972" \
  --form-string "vsicSection=C" \
  --form-string "vsicCode=2592" \
  --form-string "employees=85" \
  --form-string "annualRevenueVnd=45.000.000.000" \
  --form-string "totalCapitalVnd=18000000000" \
  --form-string "taskName=Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí chính xác" \
  --form-string "taskType=pilotProduction" \
  --form-string "priorityArea=2" \
  --form-string "objectives=Nâng năng suất lao động 20% và giảm 30% phế phẩm trong 24 tháng." \
  --form-string "urgency=Ngành cơ khí chính xác là ngành chủ lực của thành phố; năng suất còn thấp so với khu vực." \
  --form-string "contentsAndResults=Khảo sát hiện trạng; đào tạo Lean/TPM; áp dụng thí điểm tại 2 xưởng; mô hình điểm để nhân rộng." \
  --form-string "application=Các doanh nghiệp cơ khí trên địa bàn Hải Phòng và vùng Đồng bằng sông Hồng." \
  --form-string "expectedBenefits=Tăng năng suất, giảm chi phí, mô hình nhân rộng cho 10 doanh nghiệp." \
  --form-string "durationMonths=24" \
  --form-string "startMonth=2024-07" \
  --form-string "origin=Kết quả dự án cải tiến nội bộ 2021-2022." \
  --form-string "coFunding=Doanh nghiệp đối ứng 40% kinh phí." \
  -F "signedScan=@$here/signed-scan.pdf;type=application/pdf" \
  -F "editableForm=@$here/editable-form.docx;type=application/vnd.openxmlformats-officedocument.wordprocessingml.document"
echo
