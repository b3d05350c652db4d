#!/usr/bin/env bash
# Posts a sample email to the local host's inbound webhook exactly as SendGrid Inbound Parse would (its default,
# parsed format): an enterprise emails its Word form, made from the demo call's template, and its signed scan to
# the demo call's address. The local host answers 200 and lists it in the staff console as "received by email,
# waiting for staff". Run it twice: the second delivery of the same Message-ID adds nothing.
# Usage: docs/samples/inbound-email.sh [base-url] [to-address]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="${1:-http://127.0.0.1:7071}"
to="${2:-demo@dexuat.localhost}"
secret="$(cat "$root/.data/inbound-secret.txt")"   # the local host writes it at its first start
message_id="<sample-$(date +%Y%m%d)@mail.cokhi-hp.vn>"
subject="Đề xuất nhiệm vụ KH&CN năm 2024 – Công ty TNHH Cơ khí Chính xác Hải Phòng"

curl -sS -X POST "$base/api/inbound/email" \
  -u "sendgrid:$secret" \
  --form-string "headers=Received: by mx.sendgrid.net with SMTP
Message-ID: $message_id
Date: $(date -R)
From: Trần Thị Bình <binh.tran@cokhi-hp.vn>
To: $to
Subject: =?UTF-8?B?$(printf '%s' "$subject" | base64 -w0)?=
MIME-Version: 1.0" \
  --form-string "dkim={@cokhi-hp.vn : pass}" \
  --form-string "to=$to" \
  --form-string "from=Trần Thị Bình <binh.tran@cokhi-hp.vn>" \
  --form-string "subject=$subject" \
  --form-string "text=Kính gửi Chi cục,
Công ty xin gửi phiếu đề xuất nhiệm vụ (tệp Word) và bản quét có chữ ký, đóng dấu.
Trân trọng." \
  --form-string "sender_ip=203.0.113.7" \
  --form-string "envelope={\"to\":[\"$to\"],\"from\":\"binh.tran@cokhi-hp.vn\"}" \
  --form-string "attachments=2" \
  --form-string 'attachment-info={"attachment1":{"filename":"Phiếu đề xuất - Cơ khí Hải Phòng.docx","type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},"attachment2":{"filename":"Bản quét có chữ ký.pdf","type":"application/pdf"}}' \
  --form-string 'charsets={"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8"}' \
  --form-string "SPF=pass" \
  --form-string "spam_score=0.1" \
  -F "attachment1=@$here/editable-form.docx;type=application/vnd.openxmlformats-officedocument.wordprocessingml.document;filename=phieu-de-xuat.docx" \
  -F "attachment2=@$here/signed-scan.pdf;type=application/pdf;filename=ban-quet.pdf"
echo
