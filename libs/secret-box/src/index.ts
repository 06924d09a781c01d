export { loadMasterKey, readMasterKey, SecretBox } from './secret-box';
export { rotateConnectionSecrets, SecretRotationError, type RotationResult, type SqlQuery } from './rotate-connection-secrets';
export { hashPassword, verifyPassword } from './password-hash';
