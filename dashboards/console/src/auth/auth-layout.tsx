import type { ReactNode } from 'react';
import { BrandMark } from '../components/icons';

/** The frame of the pages before sign-in: brand, one or two cards, a footer line. */
export function AuthLayout({ children, wide = false, testId }: { children: ReactNode; wide?: boolean; testId: string }) {
  return (
    <div className="auth-page" data-testid={testId}>
      <main className={`auth-main ${wide ? 'auth-main-wide' : ''}`}>
        <div className="auth-brand">
          <BrandMark />
          <span>Astrolabe</span>
        </div>
        {children}
        <p className="auth-footer">Continuous control monitoring · <a href="/api/docs/ui/">API reference</a></p>
      </main>
    </div>
  );
}
