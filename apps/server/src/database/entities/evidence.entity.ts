import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('evidence_blob')
export class EvidenceBlobEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ type: 'char', length: 64 }) hash!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'jsonb' }) canonical!: unknown;
  @Column({ name: 'first_observed_at', type: 'timestamptz' }) firstObservedAt!: Date;
}

@Entity('evidence_observation')
export class EvidenceObservationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'resource_id', type: 'text' }) resourceId!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
}
