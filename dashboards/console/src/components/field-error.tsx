/** A server's 400 message for one field, shown under that field. */
export function FieldError({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null;
  return (
    <p className="field-error" data-testid={testId} role="alert">
      {message}
    </p>
  );
}
