import { PageArgs } from '@vp/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { User } from '../user/user.stub';
import { InvoiceConnection } from './invoice.entity';
import { invoicesOf } from './invoice.service';

@Resolver(() => User)
export class UserInvoicesResolver {
  @FieldResolver(() => InvoiceConnection, {
    nullable: true,
    description:
      "What the user's subscriptions were charged, newest first (failed charges too). Only the " +
      'user and admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED).',
  })
  invoices(@Root() user: User, @Args() { first, after }: PageArgs, @Ctx() context: MoneyContext) {
    return invoicesOf(context, user.id, first, after);
  }
}
