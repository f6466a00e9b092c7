// Times shown to people: Vietnamese order and the school's time zone, whatever the server's zone is.

/** "2026-11-29T04:43:51.839Z" → "11:43 ngày 29/11/2026" (giờ Việt Nam, Asia/Ho_Chi_Minh). */
export function formatVietnamTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(d).map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}
