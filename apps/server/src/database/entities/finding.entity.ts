import type { FindingStatus } from '@astrolabe/core';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('finding')
export class FindingEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'check_id', type: 'text' }) checkId!: string;
  @Column({ name: 'resource_id', type: 'text' }) resourceId!: string;
  @Column({ name: 'resource_type', type: 'text' }) resourceType!: string;
  @Column({ name: 'resource_name', type: 'text' }) resourceName!: string;
  @Column({ type: 'text' }) status!: FindingStatus;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'evidence_hashes', type: 'text', array: true }) evidenceHashes!: string[];
  @Column({ name: 'first_seen_at', type: 'timestamptz' }) firstSeenAt!: Date;
  @Column({ name: 'status_since', type: 'timestamptz' }) statusSince!: Date;
  /** The last run that wrote this row (changed its verdict, reason or evidence). */
  @Column({ name: 'last_run_id', type: 'uuid' }) lastRunId!: string;
}

@Entity('finding_coverage')
export class FindingCoverageEntity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @PrimaryColumn({ name: 'check_id', type: 'text' }) checkId!: string;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  @Column({ name: 'last_run_id', type: 'uuid' }) lastRunId!: string;
}

@Entity('finding_change')
export class FindingChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'check_id', type: 'text' }) checkId!: string;
  @Column({ name: 'resource_id', type: 'text' }) resourceId!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: FindingStatus | null;
  @Column({ name: 'to_status', type: 'text', nullable: true }) toStatus!: FindingStatus | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'evidence_hashes', type: 'text', array: true, nullable: true }) evidenceHashes!: string[] | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
