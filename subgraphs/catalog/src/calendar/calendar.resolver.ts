import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { type CatalogContext } from '../config';
import { CalendarArgs, CalendarEntry, catalogCalendar } from './calendar';

@Resolver()
export class CalendarResolver {
  @Query(() => [CalendarEntry], {
    description:
      'Titles arriving in and leaving your territory between from and to (at most 400 days), earliest first.',
  })
  catalogCalendar(
    @Args() args: CalendarArgs,
    @Ctx() context: CatalogContext,
  ): Promise<CalendarEntry[]> {
    return catalogCalendar(context, args);
  }
}
