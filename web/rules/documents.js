// The documents' checks in the browser (DocumentRules.Check).
import { error, megabytes } from "./text.js";

// DocumentRules.Check: what can be told from a file's name and size before sending it.
export const documents = {
  signedScan: { extension: ".pdf", vi: "bản quét có chữ ký, đóng dấu (PDF)", en: "signed scan (PDF)" },
  editableForm: { extension: ".docx", vi: "tệp Word của phiếu đề xuất (.docx)", en: "editable form (.docx)" },
};

export function documentError(key, file, limits) {
  const kind = documents[key];
  if (!file || !file.size) return error(key, `Vui lòng đính kèm ${kind.vi}.`, `Please attach the ${kind.en}.`);
  if (file.size > limits.maxDocumentBytes) {
    return error(key, `${kind.vi.charAt(0).toLocaleUpperCase("vi") + kind.vi.slice(1)}: tệp quá lớn (${megabytes(file.size)}); tối đa ${megabytes(limits.maxDocumentBytes)}.`,
      `The ${kind.en}: the file is too large (${megabytes(file.size)}); at most ${megabytes(limits.maxDocumentBytes)}.`);
  }
  if (!file.name.toLowerCase().endsWith(kind.extension)) {
    return error(key, `${kind.vi.charAt(0).toLocaleUpperCase("vi") + kind.vi.slice(1)}: chỉ nhận tệp ${kind.extension} đúng định dạng (tệp "${file.name}" không phải).`,
      `The ${kind.en}: only a genuine ${kind.extension} file is accepted ("${file.name}" is not).`);
  }
  return null;
}

export function documentErrors(files, limits) {
  return Object.keys(documents).map((key) => documentError(key, files[key], limits)).filter(Boolean);
}
