import type { KindOutcome, RunState } from '@astrolabe/core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RunTrigger = 'schedule' | 'manual' | 'startup';
export interface RunProgress {
  done: number;
  total: number;
  message: string | null;
}
export interface StoredFindingCounts {
  pass: number;
  fail: number;
  unknown: number;
  not_applicable: number;
}

@Entity('collection_run')
export class CollectionRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ type: 'text' }) state!: RunState;
  @Column({ type: 'text' }) trigger!: RunTrigger;
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ name: 'queued_at', type: 'timestamptz' }) queuedAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true }) heartbeatAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) progress!: RunProgress | null;
  @Column({ type: 'jsonb' }) kinds!: Record<string, KindOutcome>;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'finding_counts', type: 'jsonb', nullable: true }) findingCounts!: StoredFindingCounts | null;
  /** Provider API quota the run used, as the connector reported it. */
  @Column({ type: 'jsonb', nullable: true }) usage!: Record<string, number> | null;
}
