import { badInput, IntRange } from '@vp/kit';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type CatalogContext } from '../config';
import { Title } from '../titles/title.entity';

export enum CalendarChange {
  ARRIVING = 'ARRIVING',
  LEAVING = 'LEAVING',
}
registerEnumType(CalendarChange, {
  name: 'CalendarChange',
  description: 'ARRIVING: starts playing in your territory. LEAVING: stops playing there.',
});

@ObjectType({ description: 'A title arriving in or leaving your territory at an instant.' })
export class CalendarEntry {
  @Field(() => Title)
  title!: Title;

  @Field(() => CalendarChange)
  change!: CalendarChange;

  @Field({ description: 'The instant of the change (a licence period starts or ends).' })
  at!: Date;
}

export const MAX_CALENDAR_DAYS = 400;

@ArgsType()
export class CalendarArgs {
  @Field({ description: 'From this instant (inclusive).' })
  from!: Date;

  @Field({ description: 'Until this instant (exclusive); at most 400 days after from.' })
  to!: Date;

  @Field(() => Int, { defaultValue: 200, description: 'At most this many entries, 1 to 1000.' })
  @IntRange(1, 1000)
  first: number = 200;
}

interface Row {
  title_id: string;
  change: CalendarChange;
  at: Date;
}

/**
 * What arrives in and leaves the viewer's territory between `from` and `to`: the starts and ends of
 * the licence periods of published titles there, earliest first. Windows that abut (one ends as
 * the next starts) are one period: nothing leaves and arrives again at the seam.
 */
export async function catalogCalendar(
  context: CatalogContext,
  { from, to, first }: CalendarArgs,
): Promise<CalendarEntry[]> {
  if (to.getTime() <= from.getTime()) {
    throw badInput('`to` must be after `from`.', [{ field: 'to', message: 'Must be after from.' }]);
  }
  if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000) {
    throw badInput(`At most ${MAX_CALENDAR_DAYS} days at once.`, [
      { field: 'to', message: `At most ${MAX_CALENDAR_DAYS} days after from.` },
    ]);
  }
  const published = `t.published_at is not null and t.published_at <= ?`;
  const rows: Row[] = await context.em.getConnection().execute(
    `select * from (
       select lt.title_id, 'ARRIVING' as change, lt.starts_at as at, t.name
         from "catalog"."licence_territory" lt join "catalog"."title" t on t.id = lt.title_id
        where lt.territory = ? and lt.starts_at >= ? and lt.starts_at < ? and ${published}
          and not exists (select 1 from "catalog"."licence_territory" p
                           where p.title_id = lt.title_id and p.territory = lt.territory
                             and p.ends_at = lt.starts_at)
       union all
       select lt.title_id, 'LEAVING', lt.ends_at, t.name
         from "catalog"."licence_territory" lt join "catalog"."title" t on t.id = lt.title_id
        where lt.territory = ? and lt.ends_at >= ? and lt.ends_at < ? and ${published}
          and not exists (select 1 from "catalog"."licence_territory" n
                           where n.title_id = lt.title_id and n.territory = lt.territory
                             and n.starts_at = lt.ends_at)
     ) entries
     order by at, name, title_id, change
     limit ?`,
    [
      ...[context.territory, from, to, context.now],
      ...[context.territory, from, to, context.now],
      first,
    ],
  );
  if (!rows.length) {
    return [];
  }
  const ids = [...new Set(rows.map(row => row.title_id))];
  const titles = new Map(
    (await context.em.find(Title, { id: { $in: ids } })).map(title => [title.id, title]),
  );
  return rows.map(row => ({
    title: titles.get(row.title_id)!,
    change: row.change,
    at: new Date(row.at),
  }));
}
