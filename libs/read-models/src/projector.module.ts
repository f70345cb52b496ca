import { Inject, Module, Optional, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DATABASE_URL, PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import { Projector, type ProjectorOptions } from './projector.js';

const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/** Runs the projector (every projection, and the rebuilds asked for) for as long as the app lives. */
@Module({})
export class ProjectorModule implements OnModuleInit, OnModuleDestroy {
  private readonly projector: Projector;

  constructor(
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(DATABASE_URL) databaseUrl: string,
    @Optional() @Inject(PROJECTOR_OPTIONS) options?: ProjectorOptions,
  ) {
    this.projector = new Projector(pool, databaseUrl, options);
  }

  /** The module with options other than the defaults (tests use small batches). */
  static withOptions(options: ProjectorOptions): DynamicModule {
    return { module: ProjectorModule, providers: [{ provide: PROJECTOR_OPTIONS, useValue: options }] };
  }

  onModuleInit(): void {
    this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }
}
