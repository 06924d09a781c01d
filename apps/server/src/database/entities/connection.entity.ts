import type { ResourceRef } from '@astrolabe/core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('connection')
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'connector_id', type: 'text' }) connectorId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) config!: Record<string, unknown>;
  /** AES-256-GCM envelope (see SecretBox); never leaves the server. */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true }) secretSealed!: string | null;
  @Column({ type: 'text' }) schedule!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'jsonb', nullable: true }) scope!: ResourceRef | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
