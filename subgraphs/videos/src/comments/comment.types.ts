import {
  ConnectionType,
  IntRange,
  NoDirectionOverrides,
  MAX_PAGE_SIZE,
  PageArgs,
  PlainText,
  TextLength,
} from '@vp/kit';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Comment, MAX_COMMENT_LENGTH } from './comment.entity';

export enum CommentSort {
  NEWEST = 'NEWEST',
  TOP = 'TOP',
}
registerEnumType(CommentSort, {
  name: 'CommentSort',
  description: 'NEWEST: most recent first. TOP: most liked first, then most recent.',
});

@ArgsType()
export class CommentsArgs extends PageArgs {
  @Field(() => CommentSort, { defaultValue: CommentSort.NEWEST })
  sort: CommentSort = CommentSort.NEWEST;
}

@ArgsType()
export class RepliesArgs {
  @Field(() => Int, { defaultValue: 10, description: 'How many replies, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  first: number = 10;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType({ description: 'A comment, or with parentId a reply.' })
export class AddCommentInput {
  @Field(() => ID)
  videoId!: string;

  @Field({
    description: '1–2000 characters of plain text; no control characters but line breaks and tabs.',
  })
  @TextLength(1, MAX_COMMENT_LENGTH)
  @PlainText({ lineBreaks: true })
  @NoDirectionOverrides()
  body!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The comment replied to; a reply to a reply joins the thread of its top-level comment.',
  })
  parentId?: string | null;
}

export const CommentConnection = ConnectionType(Comment);
