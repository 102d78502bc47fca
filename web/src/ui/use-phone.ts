// Whether the screen is phone-sized (the stylesheet's phone width), following the window as it is
// resized or turned: screens that lay out differently on a phone, beyond what CSS can do, ask here.
import { useEffect, useState } from 'preact/hooks';

export const PHONE_QUERY = '(max-width: 640px)';

export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const follow = () => setPhone(query.matches);
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return phone;
}
