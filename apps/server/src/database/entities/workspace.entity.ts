import type { FindingStatus, Severity } from '@astrolabe/core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) demo!: boolean;
  @Column({ name: 'evidence_max_age_hours', type: 'integer' }) evidenceMaxAgeHours!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sla_days', type: 'jsonb' }) slaDays!: Record<Severity, number>;
  @Column({ name: 'scored_at', type: 'timestamptz', nullable: true }) scoredAt!: Date | null;
  @Column({ name: 'finding_counts', type: 'jsonb' }) findingCounts!: Record<FindingStatus, number>;
}
