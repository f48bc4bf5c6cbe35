import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ClaimScrubberProps } from './claim-scrubber-props.ts';

/** The value of `alarmNotifications` that deploys the alarms with nobody to tell. */
export const NO_ALARM_NOTIFICATIONS = 'none';

/** The id of the warning synthesis prints when alarm notifications are off (acknowledgeable with Validations). */
export const ALARMS_NOTIFY_NOBODY_WARNING = 'claim-scrubber:alarms-notify-nobody';

/** What to set when no destination is given; the construct's error and the CDK app's usage both say it. */
export const ALARM_DESTINATION_HELP =
  "Set alarmEmail (an address the alarm topic emails), alarmTopic (an SNS topic someone already watches) or, to deploy without alarm notifications on purpose, alarmNotifications: 'none'. " +
  'With the CDK app: -c alarmEmail=ops@example.com, -c alarmTopicArn=arn:aws:sns:<region>:<account>:<topic> or -c alarmNotifications=none.';

/**
 * Alarms that notify nobody are found out only when someone opens the dashboard, so a destination is
 * required: an address, an existing topic, or an explicit `alarmNotifications: 'none'`, which synthesis
 * then prints as a warning on the construct. Returns whether the alarms notify anyone.
 */
export function checkAlarmDestination(scope: Construct, props: Pick<ClaimScrubberProps, 'alarmEmail' | 'alarmTopic' | 'alarmNotifications'>): boolean {
  const destination = props.alarmEmail !== undefined || props.alarmTopic !== undefined;
  if (props.alarmNotifications !== undefined && props.alarmNotifications !== NO_ALARM_NOTIFICATIONS) {
    throw new Error(`ClaimScrubber: alarmNotifications can only be '${NO_ALARM_NOTIFICATIONS}' (got '${String(props.alarmNotifications)}'). ${ALARM_DESTINATION_HELP}`);
  }
  if (props.alarmNotifications === NO_ALARM_NOTIFICATIONS) {
    if (destination) {
      throw new Error("ClaimScrubber: alarmNotifications: 'none' contradicts the alarmEmail or alarmTopic also given; drop one or the other.");
    }
    Annotations.of(scope).addWarningV2(
      ALARMS_NOTIFY_NOBODY_WARNING,
      "Alarm notifications are off (alarmNotifications: 'none'): every alarm still changes state on the dashboard, but nobody is told when a DLQ fills or a function fails. Set alarmEmail or alarmTopic to be told.",
    );
    return false;
  }
  if (!destination) throw new Error(`ClaimScrubber: the alarms would notify nobody. ${ALARM_DESTINATION_HELP}`);
  return true;
}
