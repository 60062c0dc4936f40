/** The largest plan workbook taken (the API's body limit and the page's file limit): the Tomakomai plan is ~100 KB. */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
