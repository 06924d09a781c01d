import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) demo!: boolean;
  @Column({ name: 'evidence_max_age_hours', type: 'integer' }) evidenceMaxAgeHours!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
