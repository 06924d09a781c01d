// The envelope encryption lives in @astrolabe/secret-box so the CLI (`astrolabe secrets rotate`) shares it.
export { loadMasterKey, SecretBox } from '@astrolabe/secret-box';
